namespace QaBot.Core.Organisation;

/// <summary>Everyone's recorded absences, looked up by the person away and by their cover.</summary>
public sealed class Absences
{
    private readonly Dictionary<PersonId, List<Absence>> _byPerson = [];
    private readonly Dictionary<PersonId, List<Absence>> _byCover = [];

    public Absences(IEnumerable<Absence> absences)
    {
        ArgumentNullException.ThrowIfNull(absences);
        All = absences.OrderBy(a => a.From).ThenBy(a => a.Person.Value, StringComparer.Ordinal).ToList();
        foreach (var absence in All)
        {
            Add(_byPerson, absence.Person, absence);
            if (absence.Cover is { } cover)
            {
                Add(_byCover, cover, absence);
            }
        }
    }

    public static Absences None { get; } = new([]);

    /// <summary>Every absence, earliest first.</summary>
    public IReadOnlyList<Absence> All { get; }

    /// <summary>The person's absence that includes the day, if they are away then.</summary>
    public Absence? On(PersonId person, DateOnly day) =>
        _byPerson.TryGetValue(person, out var list) ? list.Find(a => a.IsOn(day)) : null;

    /// <summary>The person's absences, earliest first.</summary>
    public IReadOnlyList<Absence> Of(PersonId person) => _byPerson.TryGetValue(person, out var list) ? list : [];

    /// <summary>The absences the person covers on the day: whose duties they hold meanwhile.</summary>
    public IReadOnlyList<Absence> CoveredBy(PersonId cover, DateOnly day) =>
        _byCover.TryGetValue(cover, out var list) ? list.FindAll(a => a.IsOn(day)) : [];

    private static void Add(Dictionary<PersonId, List<Absence>> index, PersonId key, Absence absence)
    {
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }

        list.Add(absence);
    }
}
