using F2.DevKafka;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddDevKafka();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
