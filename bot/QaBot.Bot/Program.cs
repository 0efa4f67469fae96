using QaBot.Bot;
using QaBot.Bot.Dashboard;
using QaBot.Composition;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddQaBotBot(builder.Configuration);

var app = builder.Build();

app.MapGet("/healthz", () => Results.Ok(new { status = "ok" }));
app.MapConversationEndpoint("/api/messages");
app.UseDashboardPage();
app.MapDashboard();

await app.RunAsync();

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
