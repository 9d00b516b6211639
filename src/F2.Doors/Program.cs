var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddDoors();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
