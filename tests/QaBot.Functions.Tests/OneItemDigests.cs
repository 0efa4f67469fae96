using QaBot.Application.Reminders;
using QaBot.Core.Organisation;
using QaBot.Core.Reminders;
using QaBot.Testing.Organisation;

namespace QaBot.Functions.Tests;

/// <summary>A digest source that gives everyone one item, without reading storage: for delivery tests at volume.</summary>
public sealed class OneItemDigests : IDigestSource
{
    public Task<Digest?> ComposeAsync(PersonId recipient, DateOnly asOf, string runId, CancellationToken cancellationToken = default)
    {
        var item = TestItems.Open("occ-" + recipient.Value, recipient, TestDirectory.ChesterfieldTeam1, asOf);
        return Task.FromResult<Digest?>(new Digest(recipient, "Person", asOf, [new DigestItem(item, "Person", null, 0)], [], runId));
    }
}
