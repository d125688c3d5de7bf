using System.Text.Json;

namespace LlamaCloud.Emulator;

/// <summary>POST /_emulator/config: a fixed delay plus seeded uniform jitter before every /api answer.</summary>
sealed class Latency
{
    readonly object _gate = new(); // System.Random is not thread-safe
    int _ms, _jitterMs, _seed;
    Random _rng = new(0);

    public void Reset() => Set(0, 0, 0);

    /// <summary>Fields not given keep their current value.</summary>
    public void Configure(JsonElement o)
    {
        int? ms = JsonIn.Int(o, "latencyMs"), jitter = JsonIn.Int(o, "latencyJitterMs"), seed = JsonIn.Int(o, "seed");
        lock (_gate) Set(Math.Max(0, ms ?? _ms), Math.Max(0, jitter ?? _jitterMs), seed ?? _seed);
    }

    void Set(int ms, int jitter, int seed)
    {
        lock (_gate)
        {
            _ms = ms; _jitterMs = jitter; _seed = seed;
            _rng = new Random(seed); // same config, same jitter sequence
        }
    }

    public Task WaitAsync(CancellationToken ct)
    {
        int delay;
        lock (_gate)
        {
            if (_ms == 0 && _jitterMs == 0) return Task.CompletedTask;
            delay = _ms + (_jitterMs > 0 ? _rng.Next(_jitterMs + 1) : 0);
        }
        return delay > 0 ? Task.Delay(delay, ct) : Task.CompletedTask;
    }

    public void WriteJson(Utf8JsonWriter w)
    {
        lock (_gate)
        {
            w.WriteStartObject();
            w.WriteNumber("latencyMs", _ms);
            w.WriteNumber("latencyJitterMs", _jitterMs);
            w.WriteNumber("seed", _seed);
            w.WriteEndObject();
        }
    }
}
