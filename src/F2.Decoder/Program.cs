var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddDecoder();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
