using QaBot.Bot;
using QaBot.Composition;
using QaBot.Infrastructure.Reminders;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddQaBot(builder.Configuration);
builder.Services.AddConversationEndpoint();
builder.Services.AddHostedService<CalendarStartupLog>();

// Local development only (Reminders:RunInProcess, off by default): the bot runs the reminder schedule itself.
builder.Services.AddInProcessReminderScheduler();

var app = builder.Build();

app.MapGet("/healthz", () => Results.Ok(new { status = "ok" }));
app.MapConversationEndpoint("/api/messages");

await app.RunAsync();

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
