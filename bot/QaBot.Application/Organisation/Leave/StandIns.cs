using QaBot.Core.Organisation;

namespace QaBot.Application.Organisation.Leave;

/// <summary>Who may act on an absent person's items: the one check a card press makes, with key lookups only.</summary>
public static class StandIns
{
    /// <summary>Escalation lines deeper than this are not followed for a card press.</summary>
    private const int MaxSteps = 8;

    /// <summary>
    /// Whether <paramref name="by"/> holds <paramref name="owner"/>'s item on the day because the owner is away: as
    /// their cover, or, for a statutory item with no cover, as the manager it goes to (<see cref="OrganisationChart.StandInFor"/>).
    /// </summary>
    public static async Task<bool> HoldsAsync(IDirectoryStore directory, PersonId owner, PersonId by, DateOnly on, bool statutory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var absences = new Absences(await directory.ListAbsencesAsync(cancellationToken).ConfigureAwait(false));
        if (absences.On(owner, on) is null)
        {
            return false;
        }

        // The owner, their line managers up the line, and the covers of anyone on it who is away.
        var people = new Dictionary<PersonId, Person>();
        PersonId? next = owner;
        for (var step = 0; step < MaxSteps && next is { } id && !people.ContainsKey(id); step++)
        {
            if (await directory.GetPersonAsync(id, cancellationToken).ConfigureAwait(false) is not { } person)
            {
                break;
            }

            people[id] = person;
            if (absences.On(id, on)?.Cover is { } coverId && !people.ContainsKey(coverId)
                && await directory.GetPersonAsync(coverId, cancellationToken).ConfigureAwait(false) is { } cover)
            {
                people[coverId] = cover;
            }

            next = person.LineManager;
        }

        var chart = new OrganisationChart(AreaTree.Empty, people.Values, OrganisationPolicy.Default) { Absences = absences };
        return chart.StandInFor(owner, on, statutory)?.Id == by;
    }
}
