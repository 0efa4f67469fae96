using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using QaBot.Application.Reminders;
using QaBot.Core.Reminders;

namespace QaBot.Composition.Tests;

[Trait("Category", "Fast")]
public sealed class ConversationsRegistrationTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddQaBot(configuration).BuildServiceProvider();
    }

    [Fact]
    public void AddQaBot_Digests_ComposerAndLoaderFromTheSchedulePolicy()
    {
        using var services = Build(new() { ["Schedule:ReminderLeadWorkingDays:0"] = "3" });

        var composer = services.GetRequiredService<DigestComposer>();

        Assert.Equal([3], composer.Rules.Policy.ReminderLeadWorkingDays);
        Assert.NotNull(services.GetRequiredService<DigestLoader>());
        Assert.IsType<QaBot.Conversations.Digests.DigestCardRenderer>(services.GetRequiredService<IDigestRenderer>());
    }
}
