using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using QaBot.Application.Telemetry;

namespace QaBot.Testing.Telemetry;

/// <summary>
/// Listens to the product's Meter and ActivitySource while a test runs. Other tests run at the same time, so a test
/// opens <see cref="BeginTrace"/> and reads only what was recorded inside that trace.
/// </summary>
public sealed class TelemetryRecorder : IDisposable
{
    private static readonly ActivitySource TestSource = new("QaBot.Tests");
    private readonly ActivityListener _activities;
    private readonly MeterListener _meters = new();
    private readonly ConcurrentQueue<Measurement> _measurements = new();
    private readonly ConcurrentQueue<Activity> _stopped = new();

    public TelemetryRecorder()
    {
        _activities = new ActivityListener
        {
            ShouldListenTo = s => s.Name is QaBotTelemetry.Name or "QaBot.Tests",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => _stopped.Enqueue(a),
        };
        ActivitySource.AddActivityListener(_activities);
        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == QaBotTelemetry.Name)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meters.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        _meters.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        _meters.Start();
    }

    /// <summary>A trace of the test's own: measurements and activities inside it are this test's.</summary>
    public Activity BeginTrace() => TestSource.StartActivity("test" + _activities.GetHashCode()) ?? throw new InvalidOperationException("The recorder does not listen.");

    public IReadOnlyList<Measurement> Measurements(string instrument, ActivityTraceId trace) =>
        [.. _measurements.Where(m => m.Instrument == instrument && m.Trace == trace)];

    /// <summary>Measurements of an instrument wherever they were made (for a host whose requests start their own traces).</summary>
    public IReadOnlyList<Measurement> Measurements(string instrument) => [.. _measurements.Where(m => m.Instrument == instrument)];

    public IReadOnlyList<Activity> Activities(string name, ActivityTraceId trace) =>
        [.. _stopped.Where(a => a.OperationName == name && a.TraceId == trace)];

    public void Dispose()
    {
        _meters.Dispose();
        _activities.Dispose();
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        _measurements.Enqueue(new Measurement(instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value), Activity.Current?.TraceId ?? default));

    public sealed record Measurement(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags, ActivityTraceId Trace);
}
