namespace QaBot.Core.Organisation.Import;

/// <summary>Something wrong in an import file, with where it is: file, line and field.</summary>
public sealed record ImportProblem(string File, int Line, string? Field, string Message)
{
    public override string ToString() =>
        Field is null ? $"{File} line {Line}: {Message}" : $"{File} line {Line}, {Field}: {Message}";
}
