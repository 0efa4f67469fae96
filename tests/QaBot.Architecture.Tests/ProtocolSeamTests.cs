using System.Text.RegularExpressions;
using NetArchTest.Rules;
using QaBot.Testing;

namespace QaBot.Architecture.Tests;

/// <summary>
/// Swapping our Bot Framework layer for an official SDK touches three pieces (docs/decisions/own-bot-protocol-layer.md):
/// the inbound adapter and the <c>IConversationSender</c>, both inside the protocol project, and the registration in
/// <c>ConversationProtocol.cs</c>. Nothing else of the product may name the protocol layer.
/// </summary>
[Trait("Category", "Fast")]
public sealed partial class ProtocolSeamTests
{
    private const string RegistrationFile = "bot/QaBot.Composition/ConversationProtocol.cs";

    [Fact]
    public void Composition_NamesTheProtocolLayerInTheRegistrationOnly()
    {
        var result = Types.InAssembly(Layers.Composition).That().DoNotHaveName("ConversationProtocol")
            .Should().NotHaveDependencyOn("QaBot.BotFramework").GetResult();

        Assert.True(result.IsSuccessful, "These types name the protocol layer: " + string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void ProductSources_NameTheProtocolLayerInTheRegistrationOnly()
    {
        var root = RepositoryRoot.Path;
        var naming = new[] { "bot", "functions" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories))
            .Select(file => Path.GetRelativePath(root, file).Replace('\\', '/'))
            .Where(file => !file.StartsWith("bot/QaBot.BotFramework/", StringComparison.Ordinal) && !file.Contains("/obj/", StringComparison.Ordinal))
            .Where(file => NamesProtocolLayer().IsMatch(File.ReadAllText(Path.Combine(root, file))))
            .ToList();

        Assert.Equal([RegistrationFile], naming);
    }

    [GeneratedRegex(@"\bQaBot\.BotFramework\b")]
    private static partial Regex NamesProtocolLayer();
}
