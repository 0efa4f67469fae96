namespace QaBot.Architecture.Tests;

[Trait("Category", "Fast")]
public sealed class ProjectReferenceTests
{
    private static readonly string[] Hosts = ["QaBot.Bot", "QaBot.Functions", "QaBot.Cli"];
    private static readonly string[] DeployedHosts = ["QaBot.Bot", "QaBot.Functions"];

    private static ProjectGraph Graph => ProjectGraph.Product;

    [Fact]
    public void Graph_HoldsEveryProductProject()
    {
        string[] expected =
        [
            "QaBot.Core", "QaBot.Application", "QaBot.Infrastructure", "QaBot.BotFramework", "QaBot.Conversations",
            "QaBot.Composition", "QaBot.Demo", .. Hosts,
        ];

        Assert.Subset(Graph.Projects.ToHashSet(), expected.ToHashSet());
    }

    [Theory]
    [InlineData("QaBot.BotFramework")]
    [InlineData("QaBot.Infrastructure")]
    [InlineData("QaBot.Conversations")]
    public void Adapter_IsReferencedOnlyByCompositionAndHosts(string adapter)
    {
        string[] allowed = ["QaBot.Composition", .. Hosts];

        Assert.All(Graph.ReferrersOf(adapter), referrer => Assert.Contains(referrer, allowed));
    }

    [Fact]
    public void Composition_IsReferencedOnlyByHosts()
    {
        Assert.All(Graph.ReferrersOf("QaBot.Composition"), referrer => Assert.Contains(referrer, Hosts));
    }

    [Theory]
    [InlineData("QaBot.Bot")]
    [InlineData("QaBot.Functions")]
    [InlineData("QaBot.Cli")]
    public void Host_ReferencesNoOtherHost(string host)
    {
        Assert.Empty(Graph.AllReferences(host).Intersect(Hosts));
    }

    [Theory]
    [InlineData("QaBot.Bot")]
    [InlineData("QaBot.Functions")]
    public void DeployedHost_DoesNotCarryTheDemoCouncil(string host)
    {
        Assert.Contains(host, DeployedHosts);
        Assert.DoesNotContain("QaBot.Demo", Graph.AllReferences(host));
    }

    [Theory]
    [InlineData("QaBot.Core")]
    [InlineData("QaBot.Application")]
    public void InnerLayer_ReferencesOnlyLayersInsideIt(string project)
    {
        var inside = project == "QaBot.Core" ? Array.Empty<string>() : ["QaBot.Core"];

        Assert.Equal(inside, Graph.AllReferences(project));
    }
}
