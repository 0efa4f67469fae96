using System.Globalization;
using QaBot.Application.Organisation;
using QaBot.Core.Cases;
using QaBot.Core.Framework;
using QaBot.Core.Organisation;
using QaBot.Core.Organisation.Import;
using QaBot.Core.Scheduling;
using QaBot.Core.Scheduling.Statutory;
using QaBot.Core.Tracking;

namespace QaBot.Application.Cases;

/// <summary>
/// Brings existing cases in from a file of their events so far (one row per event, oldest first within a case). The
/// whole file is checked first, every row against the chains as they would stand after the rows above it; if any
/// row has a problem nothing is written. Each event is then recorded as from Teams, so a file imported twice changes
/// nothing the second time.
/// </summary>
public sealed class ImportCaseEvents
{
    private readonly ICaseChainStore _chains;
    private readonly IDirectoryStore _directory;
    private readonly FrameworkCatalogue _catalogue;
    private readonly StatutoryRuleSet _rules;
    private readonly ScheduleRules _schedule;
    private readonly CaseReferencePattern _pattern;
    private readonly RecordCaseEvent _record;

    public ImportCaseEvents(
        ICaseChainStore chains,
        IDirectoryStore directory,
        FrameworkCatalogue catalogue,
        StatutoryRuleSet rules,
        ScheduleRules schedule,
        CaseReferencePattern pattern,
        RecordCaseEvent record)
    {
        _chains = chains ?? throw new ArgumentNullException(nameof(chains));
        _directory = directory ?? throw new ArgumentNullException(nameof(directory));
        _catalogue = catalogue ?? throw new ArgumentNullException(nameof(catalogue));
        _rules = rules ?? throw new ArgumentNullException(nameof(rules));
        _schedule = schedule ?? throw new ArgumentNullException(nameof(schedule));
        _pattern = pattern ?? throw new ArgumentNullException(nameof(pattern));
        _record = record ?? throw new ArgumentNullException(nameof(record));
    }

    public async Task<CaseImportResult> ExecuteAsync(string fileName, IReadOnlyList<CaseImportRow> rows, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var today = _schedule.Calendar.LocalDateOf(at);
        var problems = new List<ImportProblem>();
        var people = new Dictionary<string, Person?>(StringComparer.OrdinalIgnoreCase);
        var requests = new List<CaseEventRequest>();
        var chains = new Dictionary<(string Case, string Rule), CaseChain?>();
        var origin = new AuditOrigin("import", fileName);
        foreach (var row in rows)
        {
            var before = problems.Count;
            void Problem(string? field, string message) => problems.Add(new ImportProblem(fileName, row.Line, field, message));

            if (!_pattern.TryParse(row.CaseReference, out var reference, out var referenceProblem))
            {
                Problem("case_reference", referenceProblem);
            }

            var rule = _rules.Find(row.Rule.Trim());
            if (rule is null || CaseChains.OwningDuty(_catalogue, rule.Id) is null)
            {
                Problem("rule", $"'{row.Rule}' is not a statutory rule; the rules are {string.Join(", ", _rules.Rules.Select(r => r.Id))}");
            }

            if (!CaseImportRow.EventWords.TryGetValue(row.Event.Trim(), out var kind))
            {
                Problem("event", $"'{row.Event}' is not an event; use one of {string.Join(", ", CaseImportRow.EventWords.Keys)}");
            }

            if (!DateOnly.TryParseExact(row.EventDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                Problem("event_date", $"'{row.EventDate}' is not a date (yyyy-MM-dd)");
            }

            if (!people.TryGetValue(row.ResponsibleUpn, out var person))
            {
                person = await _directory.FindByUpnAsync(row.ResponsibleUpn, cancellationToken).ConfigureAwait(false);
                people[row.ResponsibleUpn] = person;
            }

            if (person is not { Active: true })
            {
                Problem("responsible_upn", $"'{row.ResponsibleUpn}' is not anyone active in the staff directory");
            }

            if (problems.Count > before)
            {
                continue;
            }

            // An extension's date is the new deadline, agreed on or before today.
            var caseEvent = new CaseEvent(
                kind,
                kind == CaseEventKind.Extended && date > today ? today : date,
                person!.Id,
                To: kind is CaseEventKind.Started or CaseEventKind.Transferred ? person.Id : null,
                ExtendedTo: kind == CaseEventKind.Extended ? date : null);
            var key = (reference!.Value.Value, rule!.Id);
            if (!chains.TryGetValue(key, out var chain))
            {
                chain = (await _chains.GetAsync(reference.Value, rule.Id, cancellationToken).ConfigureAwait(false))?.Value;
            }

            var duty = CaseChains.OwningDuty(_catalogue, rule.Id)!.Id;
            var result = CaseChains.Apply(chain, reference.Value, rule, duty, caseEvent, _schedule.Calendar, today);
            if (result.Status == CaseEventStatus.Refused)
            {
                Problem("event", result.Problem!);
                continue;
            }

            chains[key] = result.Chain;
            requests.Add(new CaseEventRequest(reference.Value, rule.Id, caseEvent, null, at, origin));
        }

        if (problems.Count > 0)
        {
            return new CaseImportResult(problems, 0, 0);
        }

        var applied = 0;
        var unchanged = 0;
        foreach (var request in requests)
        {
            var outcome = await _record.ExecuteAsync(request, cancellationToken).ConfigureAwait(false);
            switch (outcome.Status)
            {
                case CaseEventStatus.Applied:
                    applied++;
                    break;
                case CaseEventStatus.Unchanged:
                    unchanged++;
                    break;
                default:
                    // Checked above against the same chains: only a change made meanwhile by someone else gets here.
                    problems.Add(new ImportProblem(fileName, 0, null, $"{request.Case} ({request.Rule}): {outcome.Problem}"));
                    break;
            }
        }

        return new CaseImportResult(problems, applied, unchanged);
    }
}

/// <summary>What an import did: nothing at all when the file had problems.</summary>
public sealed record CaseImportResult(IReadOnlyList<ImportProblem> Problems, int Recorded, int AlreadyHeld)
{
    public bool Succeeded => Problems.Count == 0;
}
