using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace QaBot.Testing;

/// <summary>
/// Azurite's table, queue and blob services, started from the repository's pinned npm package on free loopback ports with
/// in-memory persistence. One instance serves a whole test run (tests isolate themselves by table and queue names)
/// and is stopped when the test process exits. Set <c>QABOT_TEST_STORAGE</c> to a connection string to use an
/// emulator that is already running instead.
/// </summary>
public sealed class Azurite : IDisposable
{
    public const string AccountName = "devstoreaccount1";

    // The emulator's well-known development key, published in Azurite's documentation; it grants nothing outside it.
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly Lazy<Azurite> Shared = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly List<Process> _processes;

    private Azurite(string connectionString, List<Process> processes)
    {
        ConnectionString = connectionString;
        _processes = processes;
    }

    /// <summary>The emulator shared by every test in this process, started on first use.</summary>
    public static Azurite Instance => Shared.Value;

    public string ConnectionString { get; }

    /// <summary>A name for a table or queue that no other test uses: letters and digits only, as tables require.</summary>
    public static string UniqueName(string prefix) =>
        (prefix + Guid.NewGuid().ToString("N"))[..Math.Min(prefix.Length + 12, 63)].ToLowerInvariant();

    private static Azurite Start()
    {
        var external = Environment.GetEnvironmentVariable("QABOT_TEST_STORAGE");
        if (!string.IsNullOrWhiteSpace(external))
        {
            return new Azurite(external, []);
        }

        var package = RepositoryRoot.Combine("node_modules", "azurite", "dist", "src");
        if (!Directory.Exists(package))
        {
            throw new InvalidOperationException(
                $"Azurite is not installed at {package}. Run 'npm ci' in the repository root (the README's test command does this).");
        }

        var tablePort = FreePort.Next();
        var queuePort = FreePort.Next();
        var blobPort = FreePort.Next();
        var processes = new List<Process>();
        try
        {
            processes.Add(StartService(Path.Combine(package, "table", "main.js"), "--tablePort", tablePort));
            processes.Add(StartService(Path.Combine(package, "queue", "main.js"), "--queuePort", queuePort));
            processes.Add(StartService(Path.Combine(package, "blob", "main.js"), "--blobPort", blobPort));
            WaitForPort(tablePort, processes[0]);
            WaitForPort(queuePort, processes[1]);
            WaitForPort(blobPort, processes[2]);
        }
        catch
        {
            Stop(processes);
            throw;
        }

        var connection = new StringBuilder()
            .Append("DefaultEndpointsProtocol=http;")
            .Append("AccountName=").Append(AccountName).Append(';')
            .Append("AccountKey=").Append(AccountKey).Append(';')
            .Append("TableEndpoint=http://127.0.0.1:").Append(tablePort).Append('/').Append(AccountName).Append(';')
            .Append("QueueEndpoint=http://127.0.0.1:").Append(queuePort).Append('/').Append(AccountName).Append(';')
            .Append("BlobEndpoint=http://127.0.0.1:").Append(blobPort).Append('/').Append(AccountName).Append(';')
            .ToString();

        var azurite = new Azurite(connection, processes);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => azurite.Dispose();
        return azurite;
    }

    private static Process StartService(string script, string portOption, int port)
    {
        var info = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot.Path,
        };

        // The emulator exits when its standard input closes, which happens however the test process ends (a test host
        // killed by the runner never raises ProcessExit), so no emulator outlives the tests that started it.
        info.ArgumentList.Add("-e");
        info.ArgumentList.Add(ExitWithParent);
        foreach (var arg in new[] { script, "--inMemoryPersistence", "--silent", "--disableTelemetry", "--skipApiVersionCheck", portOption, port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start node for Azurite.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private const string ExitWithParent =
        "process.stdin.on('end', () => process.exit(0)); process.stdin.on('error', () => process.exit(0)); process.stdin.resume(); require(process.argv[1]);";

    private static void WaitForPort(int port, Process process)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Azurite exited with code {process.ExitCode} before listening on port {port}.");
            }

            try
            {
                using var client = new TcpClient();
                client.Connect("127.0.0.1", port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(100);
            }
        }

        throw new TimeoutException($"Azurite did not listen on port {port} within 90 seconds.");
    }

    private static void Stop(List<Process> processes)
    {
        foreach (var process in processes)
        {
            try
            {
                if (!process.HasExited)
                {
                    // A plain kill: node runs Azurite without children, and killing a tree first stops (SIGSTOP) each
                    // process, so a test host that ends part way through would leave the emulator stopped for good,
                    // unable even to notice its standard input closing.
                    process.Kill();
                    process.WaitForExit(5000);
                }
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            process.Dispose();
        }

        processes.Clear();
    }

    public void Dispose() => Stop(_processes);
}
