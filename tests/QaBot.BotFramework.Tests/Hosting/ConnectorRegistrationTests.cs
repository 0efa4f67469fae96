using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using QaBot.Application.Conversations;
using QaBot.BotFramework.Hosting;
using QaBot.Core.Organisation;
using QaBot.Testing.BotFramework;
using QaBot.Testing.Http;
using QaBot.Testing.Time;

namespace QaBot.BotFramework.Tests.Hosting;

[Trait("Category", "Fast")]
public sealed class ConnectorRegistrationTests : IDisposable
{
    private static readonly ConversationReference Conversation = new(
        new PersonId(TestActivities.UserObjectId),
        "msteams",
        TestChannelAuthority.ServiceUrl,
        "a:1Xy",
        TestActivities.UserId,
        TestActivities.BotId,
        TestChannelAuthority.TenantId);

    private readonly FakeHttpHandler _connector = new();
    private readonly InstantDelayTimeProvider _time = new();
    private readonly ServiceProvider _services;

    public ConnectorRegistrationTests()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSingleton<TimeProvider>(_time);
        services.AddBotFrameworkConnector();
        services.AddHttpClient(BotFrameworkHttpClients.Connector).ConfigurePrimaryHttpMessageHandler(() => _connector);
        _services = services.BuildServiceProvider();
        _connector.RespondInTurn(
            () =>
            {
                var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
                response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(2));
                return response;
            },
            () => FakeHttpHandler.Json(HttpStatusCode.OK, """{"id":"sent"}"""));
    }

    public void Dispose()
    {
        _services.Dispose();
        _connector.Dispose();
    }

    [Fact]
    public async Task ReminderSender_Throttled_NeverRetriesAndReportsTheWait()
    {
        var sender = _services.GetRequiredKeyedService<IConversationSender>(ConversationSenders.Reminders);

        var outcome = await sender.SendAsync(Conversation, OutboundMessage.FromText("Your digest"), default);

        Assert.Equal(SendStatus.Throttled, outcome.Status);
        Assert.Equal(TimeSpan.FromSeconds(2), outcome.RetryAfter);
        Assert.Single(_connector.Requests);
        Assert.Empty(_time.Delays);
    }

    [Fact]
    public async Task DefaultSender_Throttled_WaitsOutRetryAfterAndSends()
    {
        var sender = _services.GetRequiredService<IConversationSender>();

        var outcome = await sender.SendAsync(Conversation, OutboundMessage.FromText("Hello"), default);

        Assert.Equal("sent", outcome.ActivityId);
        Assert.Equal(2, _connector.Requests.Count);
        Assert.Equal([TimeSpan.FromSeconds(2)], _time.Delays);
    }
}
