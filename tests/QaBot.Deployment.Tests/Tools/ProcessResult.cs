namespace QaBot.Deployment.Tests.Tools;

internal sealed record ProcessResult(string Command, int ExitCode, string Output, string Error)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>Everything the command printed, for assertion messages.</summary>
    public string Describe() => $"{Command} exited {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}
