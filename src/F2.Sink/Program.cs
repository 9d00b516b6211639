var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddSink();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
