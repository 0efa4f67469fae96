using QaBot.Infrastructure.Configuration;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddQaBot(builder.Configuration);

var app = builder.Build();

app.MapGet("/healthz", () => Results.Ok(new { status = "ok" }));

await app.RunAsync();

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
