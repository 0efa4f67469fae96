using System.Globalization;
using Azure;
using Azure.Data.Tables;
using QaBot.Application.Cases;
using QaBot.Application.Storage;
using QaBot.Core;
using QaBot.Core.Cases;
using QaBot.Core.Framework;
using QaBot.Core.Organisation;
using QaBot.Core.Scheduling.Statutory;

namespace QaBot.Infrastructure.Storage;

/// <summary>
/// The cases' chains in the Cases table: partition the case reference (key-safe), row the rule id, so one case's
/// chains are one partition. A caseload reads the open chains with one filter; a council has a few thousand.
/// </summary>
public sealed class TableCaseChainStore : ICaseChainStore
{
    private readonly TableClient _table;

    public TableCaseChainStore(StorageTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _table = tables.Cases;
    }

    public async Task<Versioned<CaseChain>?> GetAsync(CaseReference caseReference, string rule, CancellationToken cancellationToken = default)
    {
        var entity = await TableQueries.FindAsync(_table, Keys.Encode(caseReference.Value), Keys.Encode(rule), cancellationToken).ConfigureAwait(false);
        return entity is null ? null : new Versioned<CaseChain>(Read(entity), entity.ETag.ToString());
    }

    public async Task<IReadOnlyList<Versioned<CaseChain>>> GetForCaseAsync(CaseReference caseReference, CancellationToken cancellationToken = default)
    {
        var partition = Keys.Encode(caseReference.Value);
        var entities = await TableQueries.ListAsync(_table, TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken).ConfigureAwait(false);
        return entities.Select(e => new Versioned<CaseChain>(Read(e), e.ETag.ToString())).OrderBy(c => c.Value.Rule, StringComparer.Ordinal).ToList();
    }

    public async Task<IReadOnlyList<CaseChain>> GetOpenAsync(PersonId? responsible, CancellationToken cancellationToken = default)
    {
        var filter = responsible is { } person
            ? TableClient.CreateQueryFilter($"Open eq {true} and Responsible eq {person.Value}")
            : TableClient.CreateQueryFilter($"Open eq {true}");
        var entities = await TableQueries.ListAsync(_table, filter, cancellationToken).ConfigureAwait(false);
        return entities.Select(Read)
            .OrderBy(c => c.Case.Value, StringComparer.Ordinal)
            .ThenBy(c => c.Rule, StringComparer.Ordinal)
            .ToList();
    }

    public async Task<WriteResult> SaveAsync(CaseChain chain, string? expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chain);
        var entity = new TableEntity(Keys.Encode(chain.Case.Value), Keys.Encode(chain.Rule))
        {
            ["Case"] = chain.Case.Value,
            ["Rule"] = chain.Rule,
            ["Duty"] = chain.Duty.Value,
            ["Responsible"] = chain.Responsible.Value,
            ["Started"] = Keys.Date(chain.Started),
            ["Held"] = EntityValues.Json(chain.Held.Select(Keys.Date).ToList()),
            ["ExtendedTo"] = EntityValues.Text(chain.ExtendedTo),
            ["ClosedOn"] = EntityValues.Text(chain.ClosedOn),
            ["Open"] = chain.IsOpen,
            ["History"] = EntityValues.Json(chain.History.Select(StoredEvent.Of).ToList()),
        };
        try
        {
            var response = expectedVersion is null
                ? await _table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false)
                : await _table.UpdateEntityAsync(entity, new ETag(expectedVersion), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return WriteResult.SavedAs(response.Headers.ETag?.ToString() ?? string.Empty);
        }
        catch (RequestFailedException ex) when (TableQueries.IsConflict(ex))
        {
            return WriteResult.Conflict;
        }
    }

    private static CaseChain Read(TableEntity e) => new(
        CaseReference.Parse(e.Required("Case")),
        e.Required("Rule"),
        new DutyId(e.Required("Duty")),
        new PersonId(e.Required("Responsible")),
        e.RequiredDate("Started"),
        e.RequiredJson<List<string>>("Held").Select(Date).ToList(),
        e.OptionalDate("ExtendedTo"),
        e.OptionalDate("ClosedOn"),
        e.RequiredJson<List<StoredEvent>>("History").Select(h => h.ToEvent()).ToList());

    private static DateOnly Date(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed record StoredEvent(string Kind, string On, string By, string? To, string? ExtendedTo)
    {
        public static StoredEvent Of(CaseEvent e) =>
            new(e.Kind.ToString(), Keys.Date(e.On), e.By.Value, e.To?.Value, EntityValues.Text(e.ExtendedTo));

        public CaseEvent ToEvent() => new(
            Enum.Parse<CaseEventKind>(Kind),
            Date(On),
            new PersonId(By),
            To is null ? null : new PersonId(To),
            ExtendedTo is null ? null : Date(ExtendedTo));
    }
}
