using NetArchTest.Rules;

namespace QaBot.Architecture.Tests;

[Trait("Category", "Fast")]
public sealed class DomainTests
{
    [Fact]
    public void Domain_ReferencesNoPlatformApi()
    {
        AssertNone(Types.InAssembly(Layers.Core).Should().NotHaveDependencyOnAny(Layers.Platform).GetResult());
    }

    [Fact]
    public void Domain_ReferencesNoHttpOrFileSystemApi()
    {
        AssertNone(Types.InAssembly(Layers.Core).Should().NotHaveDependencyOnAny(Layers.InputOutput).GetResult());
    }

    [Fact]
    public void Domain_ReferencesNoOtherQaBotProject()
    {
        var referenced = Layers.Core.GetReferencedAssemblies().Select(a => a.Name ?? string.Empty);

        Assert.DoesNotContain(referenced, name => name.StartsWith("QaBot.", StringComparison.Ordinal));
    }

    [Fact]
    public void UseCases_ReferenceNoPlatformHttpOrFileSystemApi()
    {
        AssertNone(Types.InAssembly(Layers.Application).Should()
            .NotHaveDependencyOnAny([.. Layers.Platform, .. Layers.InputOutput]).GetResult());
    }

    [Fact]
    public void UseCases_ReferenceNoAdapter()
    {
        AssertNone(Types.InAssembly(Layers.Application).Should()
            .NotHaveDependencyOnAny("QaBot.Infrastructure", "QaBot.BotFramework", "QaBot.Conversations", "QaBot.Composition", "QaBot.Demo")
            .GetResult());
    }

    [Theory]
    [InlineData("QaBot.Infrastructure", new[] { "QaBot.BotFramework", "QaBot.Conversations", "QaBot.Composition", "QaBot.Demo" })]
    [InlineData("QaBot.BotFramework", new[] { "QaBot.Infrastructure", "QaBot.Conversations", "QaBot.Composition", "QaBot.Demo" })]
    [InlineData("QaBot.Conversations", new[] { "QaBot.Infrastructure", "QaBot.BotFramework", "QaBot.Composition", "QaBot.Demo" })]
    public void Adapters_DependInwardOnly(string adapter, string[] forbidden)
    {
        var assembly = new[] { Layers.Infrastructure, Layers.BotFramework, Layers.Conversations }
            .Single(a => a.GetName().Name == adapter);

        AssertNone(Types.InAssembly(assembly).Should().NotHaveDependencyOnAny(forbidden).GetResult());
    }

    private static void AssertNone(TestResult result)
    {
        Assert.True(result.IsSuccessful, "These types break the rule: " + string.Join(", ", result.FailingTypeNames ?? []));
    }
}
