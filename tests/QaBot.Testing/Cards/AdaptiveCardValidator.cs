using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace QaBot.Testing.Cards;

/// <summary>
/// Runs cards through Microsoft's Adaptive Cards parser (npm <c>adaptivecards</c>, at version 1.5) using
/// <c>tests/tools/validate-cards.mjs</c>. One Node process serves the whole test run and takes cards in batches,
/// so checking hundreds of cards costs one Node start-up.
/// </summary>
public sealed class AdaptiveCardValidator : IDisposable
{
    private static readonly Lazy<AdaptiveCardValidator> SharedInstance = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Process _node;
    private readonly StringBuilder _stderr = new();
    private readonly Lock _gate = new();

    private AdaptiveCardValidator(Process node)
    {
        _node = node;
        _node.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_stderr)
                {
                    _stderr.AppendLine(e.Data);
                }
            }
        };
        _node.BeginErrorReadLine();
    }

    /// <summary>The validator shared by every test in this process, started on first use.</summary>
    public static AdaptiveCardValidator Shared => SharedInstance.Value;

    /// <summary>Checks every card in one round trip; results come back in the same order.</summary>
    public IReadOnlyList<CardValidationResult> Validate(IEnumerable<(string Name, string Json)> cards)
    {
        var batch = cards.ToList();
        if (batch.Count == 0)
        {
            return [];
        }

        var request = new JsonObject
        {
            ["cards"] = new JsonArray([.. batch.Select(c => (JsonNode)new JsonObject { ["name"] = c.Name, ["json"] = c.Json })]),
        };

        string? line;
        lock (_gate)
        {
            if (_node.HasExited)
            {
                throw new InvalidOperationException($"The card validator (node) has exited with code {_node.ExitCode}: {StandardError()}");
            }

            _node.StandardInput.WriteLine(request.ToJsonString());
            _node.StandardInput.Flush();
            line = _node.StandardOutput.ReadLine();
        }

        if (line is null)
        {
            throw new InvalidOperationException($"The card validator (node) stopped answering: {StandardError()}");
        }

        var answer = JsonNode.Parse(line)!.AsObject();
        if (answer["error"] is { } error)
        {
            throw new InvalidOperationException($"The card validator refused the request: {error}");
        }

        return [.. answer["results"]!.AsArray().Select(r => new CardValidationResult(
            r!["name"]!.GetValue<string>(),
            [.. r["problems"]!.AsArray().Select(p => p!.GetValue<string>())]))];
    }

    public CardValidationResult Validate(string name, string json) => Validate([(name, json)])[0];

    public void Dispose()
    {
        try
        {
            if (!_node.HasExited)
            {
                _node.StandardInput.Close();
                if (!_node.WaitForExit(2000))
                {
                    _node.Kill();
                }
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _node.Dispose();
    }

    private string StandardError()
    {
        lock (_stderr)
        {
            return _stderr.ToString();
        }
    }

    private static AdaptiveCardValidator Start()
    {
        var script = RepositoryRoot.Combine("tests", "tools", "validate-cards.mjs");
        var package = RepositoryRoot.Combine("node_modules", "adaptivecards", "dist", "adaptivecards.js");
        if (!File.Exists(package))
        {
            throw new InvalidOperationException(
                $"The adaptivecards npm package is not installed at {package}. Run 'npm ci' in the repository root (the README's test command does this).");
        }

        var info = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot.Path,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add(script);
        info.ArgumentList.Add("--serve");

        var node = Process.Start(info) ?? throw new InvalidOperationException("Could not start node for the card validator.");
        var validator = new AdaptiveCardValidator(node);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => validator.Dispose();
        return validator;
    }
}
