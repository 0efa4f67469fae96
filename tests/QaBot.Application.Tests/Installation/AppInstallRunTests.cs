using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using QaBot.Application.Configuration;
using QaBot.Application.Installation;
using QaBot.Core.Organisation;
using QaBot.Testing.InMemory;
using static QaBot.Testing.Organisation.TestDirectory;

namespace QaBot.Application.Tests.Installation;

[Trait("Category", "Fast")]
public sealed class AppInstallRunTests
{
    private readonly Council _council = new();
    private readonly InMemoryAppInstallationStore _installs = new();
    private readonly ScriptedInstaller _installer = new();
    private readonly GraphSyncOptions _options = new() { TeamsAppCatalogId = "8c4b0b5e-3a8f-4a57-9d0f-2d1f0e6a1b77" };

    private AppInstallRun Run() => new(
        _council.Directory, _council.Conversations, _installs, _installer, Options.Create(_options), _council.Time, NullLogger<AppInstallRun>.Instance);

    private static IEnumerable<PersonId> Everyone(params int[] except) => Enumerable.Range(1, 12).Where(n => !except.Contains(n)).Select(Id);

    [Fact]
    public void Enabled_OnlyWithACatalogueId()
    {
        Assert.True(Run().Enabled);
        _options.TeamsAppCatalogId = " ";
        Assert.False(Run().Enabled);
    }

    [Fact]
    public async Task RunAsync_DryRun_ListsPeopleWithoutAWorkingChatAndInstallsNothing()
    {
        _council.Chat(1);
        _council.Chat(2);
        await _council.Conversations.MarkStaleAsync(Id(2), "403", Council.Now);

        var result = await Run().RunAsync(dryRun: true);

        Assert.Equal((1, 0), (result.Reachable, result.Waiting));
        Assert.Equal(Everyone(1), result.Candidates);
        Assert.Empty(result.Attempts);
        Assert.Empty(_installer.Tried);
        Assert.True(result.Succeeded);
    }

    [Fact]
    public async Task RunAsync_InstallsForEachCandidateAndRecordsTheOutcome()
    {
        _council.Chat(2);
        await _council.Conversations.MarkStaleAsync(Id(2), "403", Council.Now.AddDays(-1));
        _council.Chat(3);
        await _council.Conversations.MarkStaleAsync(Id(3), "403", Council.Now.AddDays(-1));
        _installer.Answers[Id(2)] = new AppInstallAttempt(AppInstallStatus.Installed, "19:chat-2", 201, null);
        _installer.Answers[Id(3)] = new AppInstallAttempt(AppInstallStatus.AlreadyInstalled, "19:chat-3", 409, null);
        _installer.Answers[Id(4)] = new AppInstallAttempt(AppInstallStatus.AlreadyInstalled, null, 409, null);
        _installer.Answers[Id(5)] = AppInstallAttempt.Failed(403, "Forbidden");
        _installer.Answers[Id(7)] = AppInstallAttempt.Failed(null, null);

        var result = await Run().RunAsync(dryRun: false);

        Assert.Equal(Everyone(), result.Candidates);
        Assert.Equal(Everyone(), result.Attempts.Select(a => a.Person));
        Assert.Equal((8, 2, 2), (result.Count(AppInstallStatus.Installed), result.Count(AppInstallStatus.AlreadyInstalled), result.Count(AppInstallStatus.Failed)));
        Assert.False(result.Succeeded);

        var records = (await _installs.ListAsync()).ToDictionary(r => r.Person);
        Assert.Equal((ConversationFollowUp.ReferenceSaved, "19:chat-2", Council.Now), (records[Id(2)].FollowUp, records[Id(2)].ChatId, records[Id(2)].InstalledAt));
        Assert.Equal(ConversationFollowUp.ConversationStillStale, records[Id(3)].FollowUp);
        Assert.Equal((ConversationFollowUp.WaitingForPerson, (DateTimeOffset?)null), (records[Id(4)].FollowUp, records[Id(4)].InstalledAt));
        Assert.Equal((AppInstallStatus.Failed, "HTTP 403 Forbidden", 1, ConversationFollowUp.None), (records[Id(5)].Status, records[Id(5)].Error, records[Id(5)].FailedAttempts, records[Id(5)].FollowUp));
        Assert.Equal("no response", records[Id(7)].Error);
        Assert.Equal(ConversationFollowUp.WaitingForTeams, records[Id(6)].FollowUp);

        var refreshed = await _council.Conversations.GetAsync(Id(2));
        Assert.Equal((false, "19:chat-2"), (refreshed!.IsStale, refreshed.Reference.ConversationId));
        Assert.True((await _council.Conversations.GetAsync(Id(3)))!.IsStale);
    }

    [Fact]
    public async Task RunAsync_RecentlyInstalledPeopleWithoutAChat_WaitUntilTheRecheckInterval()
    {
        _installer.Answers[Id(5)] = AppInstallAttempt.Failed(500, "InternalServerError");
        await Run().RunAsync(dryRun: false);
        _council.Time.Advance(TimeSpan.FromDays(1));
        _installer.Tried.Clear();

        var second = await Run().RunAsync(dryRun: false);

        Assert.Equal([Id(5)], second.Candidates);
        Assert.Equal(11, second.Waiting);
        Assert.Equal(2, Assert.Single(second.Attempts).FailedAttempts);
        Assert.Equal([Id(5)], _installer.Tried);

        _council.Time.Advance(TimeSpan.FromDays(7));
        var third = await Run().RunAsync(dryRun: true);
        Assert.Equal(Everyone(), third.Candidates);
    }

    [Fact]
    public async Task RunAsync_FailureAfterASuccess_KeepsWhenItWasInstalledAndTheChat()
    {
        _installer.Answers[Id(6)] = new AppInstallAttempt(AppInstallStatus.Installed, "19:chat-6", 201, null);
        await Run().RunAsync(dryRun: false);
        _council.Time.Advance(TimeSpan.FromDays(8));
        _installer.Answers[Id(6)] = AppInstallAttempt.Failed(429, "TooManyRequests");

        await Run().RunAsync(dryRun: false);

        var record = await _installs.GetAsync(Id(6));
        Assert.Equal((AppInstallStatus.Failed, "19:chat-6", Council.Now, 1), (record!.Status, record.ChatId, record.InstalledAt, record.FailedAttempts));
    }

    [Fact]
    public async Task RunAsync_ChatMarkedStaleAfterTheLastInstall_IsTriedAgainAtOnce()
    {
        _council.Chat(6);
        await _council.Conversations.MarkStaleAsync(Id(6), "403", Council.Now);
        await Run().RunAsync(dryRun: false);
        _council.Time.Advance(TimeSpan.FromHours(2));
        _council.Chat(7);
        await _council.Conversations.SaveAsync(new Application.Conversations.ConversationReference(Id(6), "msteams", "https://smba.example/uk/", "a:6", "29:6", "28:bot", "tenant"), _council.Time.GetUtcNow());
        await _council.Conversations.MarkStaleAsync(Id(6), "blocked again", _council.Time.GetUtcNow());

        var result = await Run().RunAsync(dryRun: true);

        Assert.Contains(Id(6), result.Candidates);
        Assert.DoesNotContain(Id(7), result.Candidates);
        Assert.Equal(1, result.Reachable);
    }

    [Fact]
    public async Task RunAsync_LeaversAreNotInstalledFor()
    {
        _council.Save(Council.Person(8) with { Active = false, LeftOn = Council.Today });

        var result = await Run().RunAsync(dryRun: true);

        Assert.DoesNotContain(Id(8), result.Candidates);
        Assert.Equal(11, result.Candidates.Count);
    }

    [Fact]
    public async Task RunAsync_EveryoneReachable_DoesNothing()
    {
        foreach (var n in Enumerable.Range(1, 12))
        {
            _council.Chat(n);
        }

        var result = await Run().RunAsync(dryRun: false);

        Assert.Equal((12, 0), (result.Reachable, result.Candidates.Count));
        Assert.Empty(_installer.Tried);
    }

    [Fact]
    public void AppInstallAttempt_ErrorOnlyForFailures()
    {
        Assert.Null(new AppInstallAttempt(AppInstallStatus.Installed, null, 201, null).Error);
        Assert.Equal("HTTP 404", AppInstallAttempt.Failed(404, null).Error);
        Assert.Equal("no response Timeout", AppInstallAttempt.Failed(null, "Timeout").Error);
    }

    internal sealed class ScriptedInstaller : ITeamsAppInstaller
    {
        private readonly object _gate = new();

        public Dictionary<PersonId, AppInstallAttempt> Answers { get; } = [];

        public List<PersonId> Tried { get; } = [];

        public Task<AppInstallAttempt> InstallAsync(PersonId person, CancellationToken cancellationToken = default)
        {
            lock (_gate)
            {
                Tried.Add(person);
                return Task.FromResult(Answers.TryGetValue(person, out var answer) ? answer : new AppInstallAttempt(AppInstallStatus.Installed, null, 201, null));
            }
        }
    }
}
