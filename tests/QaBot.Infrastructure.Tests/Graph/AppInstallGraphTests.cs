using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using QaBot.Application.Conversations;
using QaBot.Application.Installation;
using QaBot.Infrastructure.Graph;
using QaBot.Infrastructure.Storage;
using static QaBot.Testing.Organisation.TestDirectory;

namespace QaBot.Infrastructure.Tests.Graph;

/// <summary>Installing QaBot for people it cannot reach, through the real Graph SDK over a fake Graph, with records in Azurite.</summary>
[Trait("Category", "Storage")]
public sealed class AppInstallGraphTests
{
    private const string CatalogId = "8c4b0b5e-3a8f-4a57-9d0f-2d1f0e6a1b77";

    private static bool IsInstall(HttpRequestMessageLike request, int person) =>
        request.Method == HttpMethod.Post && request.Path == $"/v1.0/users/{Id(person)}/teamwork/installedApps";

    private static void AnswerInstalls(GraphFake fake)
    {
        fake.Answer(
            r => r.Method == HttpMethod.Post && r.Uri.AbsolutePath.EndsWith("/teamwork/installedApps", StringComparison.Ordinal),
            _ => new HttpResponseMessage(HttpStatusCode.Created));
        fake.Answer(
            r => r.Method == HttpMethod.Get && r.Uri.AbsolutePath.EndsWith("/teamwork/installedApps", StringComparison.Ordinal),
            r => GraphFake.Json(HttpStatusCode.OK, $$"""{"value":[{"id":"installation-{{r.Uri.Segments[3].TrimEnd('/')}}"}]}"""));
        fake.Answer(
            r => r.Method == HttpMethod.Get && r.Uri.AbsolutePath.EndsWith("/chat", StringComparison.Ordinal),
            r => GraphFake.Json(HttpStatusCode.OK, $$"""{"id":"19:{{r.Uri.Segments[3].TrimEnd('/')}}_bot@unq.gbl.spaces"}"""));
        fake.Answer(
            r => IsInstall(new(r.Method, r.Uri.AbsolutePath), 5),
            _ => GraphFake.Error(HttpStatusCode.Conflict, "Conflict"));
        fake.Answer(
            r => IsInstall(new(r.Method, r.Uri.AbsolutePath), 7),
            _ => GraphFake.Error(HttpStatusCode.Forbidden, "Forbidden"));
    }

    private static AppInstallRun Run(GraphTestCouncil council, TableAppInstallationStore installs) => new(
        council.Storage.Directory,
        council.Storage.Conversations,
        installs,
        new GraphTeamsAppInstaller(() => council.Client, Microsoft.Extensions.Options.Options.Create(council.Options)),
        Microsoft.Extensions.Options.Options.Create(council.Options),
        council.Time,
        NullLogger<AppInstallRun>.Instance);

    private static ConversationReference Reference(int person) =>
        new(Id(person), "msteams", "https://smba.trafficmanager.net/uk/", "a:conversation-" + person, "29:user-" + person, "28:bot", "tenant-1");

    [Fact]
    public async Task RunAsync_PeopleWithoutAWorkingConversation_AreInstalledFor409IsAlreadyInstalledAndFailuresAreRecorded()
    {
        var fake = new GraphFake();
        AnswerInstalls(fake);
        await using var council = await GraphTestCouncil.CreateAsync(fake);
        var installs = new TableAppInstallationStore(council.Storage.Tables);
        await council.Storage.Conversations.SaveAsync(Reference(1), council.Time.GetUtcNow().AddDays(-30));
        await council.Storage.Conversations.SaveAsync(Reference(2), council.Time.GetUtcNow().AddDays(-30));
        await council.Storage.Conversations.MarkStaleAsync(Id(2), "403 from the connector", council.Time.GetUtcNow().AddDays(-1));

        var result = await Run(council, installs).RunAsync(dryRun: false);

        Assert.Equal(1, result.Reachable);
        Assert.Equal([Id(2), Id(3), Id(4), Id(5), Id(6), Id(7)], result.Candidates);
        Assert.Equal(4, result.Count(AppInstallStatus.Installed));
        Assert.Equal(1, result.Count(AppInstallStatus.AlreadyInstalled));
        Assert.Equal(1, result.Count(AppInstallStatus.Failed));
        Assert.False(result.Succeeded);
        Assert.DoesNotContain(fake.Sent, r => r.Uri.AbsolutePath.Contains(Id(1).Value, StringComparison.Ordinal));

        var post = Assert.Single(fake.Sent, r => r.Method == HttpMethod.Post && r.Uri.AbsolutePath == $"/v1.0/users/{Id(3)}/teamwork/installedApps");
        Assert.Equal($"https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/{CatalogId}", (string?)JsonNode.Parse(post.Body)!["teamsApp@odata.bind"]);
        var lookup = Assert.Single(fake.Sent, r => r.Method == HttpMethod.Get && r.Uri.AbsolutePath == $"/v1.0/users/{Id(3)}/teamwork/installedApps");
        Assert.Contains($"$filter=teamsApp/id eq '{CatalogId}'", Uri.UnescapeDataString(lookup.Uri.Query), StringComparison.Ordinal);
        Assert.Single(fake.Sent, r => r.Uri.AbsolutePath == $"/v1.0/users/{Id(3)}/teamwork/installedApps/installation-{Id(3)}/chat");

        var records = (await installs.ListAsync()).ToDictionary(r => r.Person);
        Assert.Equal(AppInstallStatus.Failed, records[Id(7)].Status);
        Assert.Equal("HTTP 403 Forbidden", records[Id(7)].Error);
        Assert.Equal(1, records[Id(7)].FailedAttempts);
        Assert.Equal(AppInstallStatus.AlreadyInstalled, records[Id(5)].Status);
        Assert.Equal(ConversationFollowUp.WaitingForPerson, records[Id(5)].FollowUp);
        Assert.Equal($"19:{Id(5)}_bot@unq.gbl.spaces", records[Id(5)].ChatId);
        Assert.Equal(ConversationFollowUp.WaitingForTeams, records[Id(3)].FollowUp);
        Assert.Equal(ConversationFollowUp.ReferenceSaved, records[Id(2)].FollowUp);

        var refreshed = await council.Storage.Conversations.GetAsync(Id(2));
        Assert.False(refreshed!.IsStale);
        Assert.Equal($"19:{Id(2)}_bot@unq.gbl.spaces", refreshed.Reference.ConversationId);
        Assert.Equal("29:user-2", refreshed.Reference.UserId);
    }

    [Fact]
    public async Task RunAsync_SecondRun_RetriesOnlyTheFailures()
    {
        var fake = new GraphFake();
        AnswerInstalls(fake);
        await using var council = await GraphTestCouncil.CreateAsync(fake);
        var installs = new TableAppInstallationStore(council.Storage.Tables);
        await Run(council, installs).RunAsync(dryRun: false);
        fake.Clear();
        council.Time.Advance(TimeSpan.FromDays(1));

        var second = await Run(council, installs).RunAsync(dryRun: false);

        Assert.Equal([Id(7)], second.Candidates);
        Assert.Equal(6, second.Waiting);
        Assert.Equal(2, (await installs.GetAsync(Id(7)))!.FailedAttempts);
        Assert.All(fake.Sent, r => Assert.Contains(Id(7).Value, r.Uri.AbsolutePath, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_DryRun_ListsWhoWouldBeTriedAndSendsNothing()
    {
        var fake = new GraphFake();
        await using var council = await GraphTestCouncil.CreateAsync(fake);

        var result = await Run(council, new TableAppInstallationStore(council.Storage.Tables)).RunAsync(dryRun: true);

        Assert.Equal(7, result.Candidates.Count);
        Assert.Empty(result.Attempts);
        Assert.Empty(fake.Sent);
    }

    private sealed record HttpRequestMessageLike(HttpMethod Method, string Path);
}
