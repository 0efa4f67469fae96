using QaBot.Core.Organisation;

namespace QaBot.Application.Organisation;

/// <summary>Display names for the people a card mentions, looked up one by one (a card names a handful, never a whole area).</summary>
public static class PersonNames
{
    public static async Task<Dictionary<PersonId, string>> LookupAsync(IDirectoryStore directory, IEnumerable<PersonId> ids, CancellationToken cancellationToken, Person? known = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(ids);
        var names = new Dictionary<PersonId, string>();
        if (known is not null)
        {
            names[known.Id] = known.DisplayName;
        }

        var wanted = ids.Where(id => !names.ContainsKey(id)).Distinct().ToList();
        var people = await Task.WhenAll(wanted.Select(id => directory.GetPersonAsync(id, cancellationToken))).ConfigureAwait(false);
        foreach (var person in people.OfType<Person>())
        {
            names[person.Id] = person.DisplayName;
        }

        return names;
    }
}
