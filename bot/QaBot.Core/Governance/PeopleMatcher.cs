using System.Buffers;
using QaBot.Core.Organisation;

namespace QaBot.Core.Governance;

/// <summary>
/// Which of many people a text names, by the same marks and rules as <see cref="PersonMarks.Matcher"/> (the object id
/// and UPN in any case, the display name exactly), in one pass over the text however many people there are: for indexing
/// every row of every table by the people it names.
/// </summary>
public sealed class PeopleMatcher
{
    /// <summary>Marks are grouped by their first characters, so each place a mark starts is checked against a few.</summary>
    private const int KeyLength = 3;

    private readonly Marks _anyCase;
    private readonly Marks _exact;

    public PeopleMatcher(IEnumerable<PersonMarks> people)
    {
        ArgumentNullException.ThrowIfNull(people);
        var list = people.ToList();
        _anyCase = new Marks(list.SelectMany(p => p.AnyCaseMarks().Select(m => (m, p.Id))), StringComparison.OrdinalIgnoreCase);
        _exact = new Marks(list.SelectMany(p => p.ExactMarks().Select(m => (m, p.Id))), StringComparison.Ordinal);
    }

    /// <summary>Adds to <paramref name="named"/> everyone whose marks appear in <paramref name="text"/>.</summary>
    public void Collect(string? text, ISet<PersonId> named)
    {
        ArgumentNullException.ThrowIfNull(named);
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        _anyCase.Collect(text, named);
        _exact.Collect(text, named);
    }

    private sealed class Marks
    {
        private readonly StringComparison _comparison;
        private readonly SearchValues<string>? _values;
        private readonly Dictionary<string, List<(string Mark, PersonId Person)>> _byStart = new(StringComparer.Ordinal);

        public Marks(IEnumerable<(string Mark, PersonId Person)> marks, StringComparison comparison)
        {
            _comparison = comparison;
            var distinct = new HashSet<string>(StringComparer.FromComparison(comparison));
            foreach (var (mark, person) in marks.Where(m => m.Mark.Length > 0))
            {
                distinct.Add(mark);
                var key = Key(mark.AsSpan(0, Math.Min(KeyLength, mark.Length)));
                if (!_byStart.TryGetValue(key, out var list))
                {
                    _byStart[key] = list = [];
                }

                list.Add((mark, person));
            }

            _values = distinct.Count == 0 ? null : SearchValues.Create(distinct.ToArray(), comparison);
        }

        public void Collect(string text, ISet<PersonId> named)
        {
            if (_values is null)
            {
                return;
            }

            var from = 0;
            while (from < text.Length)
            {
                var found = text.AsSpan(from).IndexOfAny(_values);
                if (found < 0)
                {
                    return;
                }

                var at = from + found;
                var rest = text.AsSpan(at);

                // Every mark starting here, marks shorter than the key length included. StartsWith and Contains agree
                // here because both compare ordinally, char by char, as the search values do.
                for (var length = 1; length <= Math.Min(KeyLength, rest.Length); length++)
                {
                    if (_byStart.TryGetValue(Key(rest[..length]), out var candidates))
                    {
                        foreach (var (mark, person) in candidates)
                        {
                            if ((length == KeyLength || mark.Length == length) && rest.StartsWith(mark, _comparison))
                            {
                                named.Add(person);
                            }
                        }
                    }
                }

                from = at + 1;
            }
        }

        private string Key(ReadOnlySpan<char> start) =>
            _comparison == StringComparison.OrdinalIgnoreCase ? start.ToString().ToUpperInvariant() : start.ToString();
    }
}
