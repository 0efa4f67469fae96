using QaBot.Bot;
using QaBot.BotFramework.Hosting;
using QaBot.Infrastructure.Configuration;
using QaBot.Infrastructure.Reminders;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddQaBot(builder.Configuration);
builder.Services.AddBotFrameworkEndpoint();
builder.Services.AddHostedService<CalendarStartupLog>();

// Local development only (Reminders:RunInProcess, off by default): the bot runs the reminder schedule itself.
builder.Services.AddInProcessReminderScheduler();

var app = builder.Build();

app.MapGet("/healthz", () => Results.Ok(new { status = "ok" }));

// The channel posts every activity here; the Agents Playground also sends HEAD when its page loads.
app.MapPost("/api/messages", (HttpContext context, BotFrameworkAdapter adapter) => adapter.ProcessAsync(context));
app.MapMethods("/api/messages", [HttpMethods.Head], () => Results.Ok());

await app.RunAsync();

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
