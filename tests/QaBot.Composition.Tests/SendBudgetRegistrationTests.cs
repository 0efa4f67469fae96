using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using QaBot.Application.Reminders;
using QaBot.Infrastructure.Reminders;

namespace QaBot.Composition.Tests;

[Trait("Category", "Fast")]
public sealed class SendBudgetRegistrationTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        settings["Storage:ConnectionString"] = "UseDevelopmentStorage=true";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddQaBot(configuration).BuildServiceProvider();
    }

    [Fact]
    public void AddQaBot_ByDefault_OneSenderPacesItself()
    {
        using var services = Build([]);

        Assert.IsType<InProcessSendBudget>(services.GetRequiredService<ISendBudget>());
    }

    [Fact]
    public void AddQaBot_SharedRateBudgetOn_SendersClaimTheRateFromStorage()
    {
        using var services = Build(new() { ["Reminders:SharedRateBudget"] = "true" });

        Assert.IsType<SharedSendBudget>(services.GetRequiredService<ISendBudget>());
        Assert.IsType<TableRateWindowStore>(services.GetRequiredService<IRateWindowStore>());
    }
}
