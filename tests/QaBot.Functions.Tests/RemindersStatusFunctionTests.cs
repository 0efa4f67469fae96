using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using QaBot.Application.Configuration;
using QaBot.Application.Conversations;
using QaBot.Application.Reminders;
using QaBot.Core.Organisation;
using QaBot.Testing.InMemory;

namespace QaBot.Functions.Tests;

/// <summary>The status function called as the Functions host calls it, on in-memory stores.</summary>
[Trait("Category", "Fast")]
public sealed class RemindersStatusFunctionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly PersonId Stale = new("5d0f3b8e-1a2c-4e6f-9b7d-3c5a1e9f0b2d");
    private static readonly PersonId GivenUp = new("8a1e6c4f-2b9d-4f3a-8e7c-6d0b5a2f1c9e");

    private readonly InMemoryConversationReferenceStore _conversations = new();
    private readonly InMemoryDigestOutbox _outbox = new();
    private readonly FakeTimeProvider _time = new(Now);

    [Theory]
    [InlineData("?code=abc123")]
    [InlineData("?CODE=abc123")]
    [InlineData("?x=1&code=")]
    public async Task RunAsync_KeyInTheQueryString_Answers400(string query)
    {
        var request = new DefaultHttpContext().Request;
        request.QueryString = new QueryString(query);

        var result = Assert.IsType<ContentResult>(await Function().RunAsync(request, CancellationToken.None));

        Assert.Equal(StatusCodes.Status400BadRequest, result.StatusCode);
        Assert.Contains("x-functions-key", result.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_PeopleInTheReport_AppearAsCountsAndReferencesNeverAsObjectIds()
    {
        await _conversations.SaveAsync(new ConversationReference(Stale, "msteams", "https://smba.trafficmanager.net/uk/", "a:1", "29:1", "28:bot", "tenant"), Now.AddDays(-1));
        await _conversations.MarkStaleAsync(Stale, "Teams answered 403.", Now);
        await _outbox.CreateIfMissingAsync();
        _outbox.GiveUp(DigestBundle.Of(new DigestMessage("run-1", GivenUp, new DateOnly(2026, 11, 23))).ToJson(), Now);
        var request = new DefaultHttpContext().Request;

        var result = Assert.IsType<ContentResult>(await Function().RunAsync(request, CancellationToken.None));

        Assert.DoesNotContain(Stale.Value, result.Content, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(GivenUp.Value, result.Content, StringComparison.OrdinalIgnoreCase);
        using var json = JsonDocument.Parse(result.Content!);
        var root = json.RootElement;
        Assert.Equal(1, root.GetProperty("counts").GetProperty("staleConversations").GetInt32());
        Assert.Equal(1, root.GetProperty("counts").GetProperty("poisonMessages").GetInt32());
        var stale = Assert.Single(root.GetProperty("staleConversations").EnumerateArray());
        Assert.Equal(PersonReference.For(Stale.Value), stale.GetProperty("reference").GetString());
        Assert.False(stale.TryGetProperty("person", out _));
        var poison = Assert.Single(root.GetProperty("poisonMessages").EnumerateArray());
        Assert.Equal(PersonReference.For(GivenUp.Value), poison.GetProperty("reference").GetString());
    }

    [Fact]
    public void PersonReference_SamePersonAnyCase_IsStableShortAndNotTheId()
    {
        var reference = PersonReference.For(Stale.Value);

        Assert.Equal(reference, PersonReference.For(Stale.Value.ToUpperInvariant()));
        Assert.NotEqual(reference, PersonReference.For(GivenUp.Value));
        Assert.Matches("^p-[0-9a-f]{12}$", reference);
        Assert.Null(PersonReference.For(null));
    }

    private RemindersStatusFunction Function()
    {
        var options = new RemindersOptions();
        var query = new OperatorStatusQuery(
            new InMemoryReminderRunStore(), new InMemorySendLedger(), _outbox, new InMemoryThrottleMarker(), _conversations, options, _time);
        return new RemindersStatusFunction(query, Options.Create(options), _time);
    }
}
