using QaBot.Core.Governance;

namespace QaBot.Application.Governance;

/// <summary>
/// Every row QaBot holds that names one person, in every table: for subject access (read) and erasure (pseudonymise).
/// A row names a person when its keys or any text property carry their object id, UPN or display name
/// (<see cref="PersonMarks"/>). The erasure register has its own port (<see cref="IErasureRegister"/>).
/// </summary>
public interface IPersonalRecords
{
    /// <summary>Every row that names the person, table by table (tables in the order they are kept), rows in key order.</summary>
    Task<HeldRecords> FindAsync(PersonMarks person, CancellationToken cancellationToken = default);

    /// <summary>
    /// Brings the person index up to date: indexes by the people they name (any of <paramref name="people"/>) the rows
    /// written since the last pass, and every row for people new to the index or whose UPN or name changed, so
    /// <see cref="FindAsync"/> need not read every table whole. Safe to stop and run again.
    /// </summary>
    Task<PersonIndexUpdate> UpdateIndexAsync(IReadOnlyCollection<PersonMarks> people, CancellationToken cancellationToken = default);

    /// <summary>
    /// Rewrites every row that names <paramref name="person"/> with <paramref name="pseudonym"/> in its place (keys
    /// included: a row whose key changes is written under the new key, then the old one deleted), the directory last, so
    /// a run that stops part-way can be run again and finishes the job. Returns the rows changed per table.
    /// </summary>
    Task<IReadOnlyList<TableCount>> PseudonymiseAsync(PersonMarks person, PersonMarks pseudonym, CancellationToken cancellationToken = default);
}

/// <summary>
/// The rows that name a person, and how they were found: through the person index, complete to
/// <paramref name="IndexedThrough"/>, with every row written since; or, when that is null, by reading every table whole.
/// </summary>
public sealed record HeldRecords(IReadOnlyList<HeldRecord> Rows, DateTimeOffset? IndexedThrough);

/// <summary>One row held: the table (without the installation's prefix), its keys and its properties with their stored types.</summary>
public sealed record HeldRecord(string Table, string Partition, string Row, IReadOnlyList<HeldValue> Values);

/// <summary>A property: text, number, true/false, an instant (UTC) or bytes.</summary>
public sealed record HeldValue(string Name, object Value);

/// <summary>How many rows of a table a run read, changed or removed.</summary>
public sealed record TableCount(string Table, long Rows);

/// <summary>
/// A pass of the person index: the rows it read, the entries it wrote, how many people it indexed afresh (new, or with a
/// new UPN or name), whether it read every table whole (for them, or for a first pass) rather than only the rows written
/// since the last pass, the instant up to which the index is now complete, and the entries it removed in the sixteenth
/// of the index it tidied (rows gone or no longer naming the person).
/// </summary>
public sealed record PersonIndexUpdate(long RowsRead, long Entries, int PeopleAfresh, bool WholeTables, DateTimeOffset Through, long Removed);
