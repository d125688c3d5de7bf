using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;

namespace LlamaCloud.Emulator;

/// <summary>
/// All sessions the emulator knows. Stored sessions (fixtures, PUT bodies, POSTed batches) live in
/// a dictionary under one lock; generated ses-gen-* sessions are virtual and cached separately
/// because they are deterministic and costly (70 MB): reset keeps that cache.
/// </summary>
sealed class SessionStore
{
    readonly object _gate = new();
    readonly Dictionary<string, StoredSession> _sessions = new(StringComparer.Ordinal);
    /// <summary>ses-gen ids that were DELETEd: they 404 until the next reset.</summary>
    readonly HashSet<string> _deletedGenerated = new(StringComparer.Ordinal);
    /// <summary>Listed sessions, newest first; rebuilt lazily after any change.</summary>
    StoredSession[]? _sorted;
    /// <summary>Gives every POSTed batch session its own timestamp, across calls.</summary>
    int _batchSequence;

    readonly ConcurrentDictionary<string, Lazy<StoredSession>> _generated = new(StringComparer.Ordinal);

    public SessionStore() => Reset();

    public void Reset()
    {
        lock (_gate)
        {
            _sessions.Clear();
            foreach (var s in Fixtures.Sessions) _sessions[s.Id] = s;
            _deletedGenerated.Clear();
            _batchSequence = 0;
            _sorted = null;
        }
    }

    /// <summary>DELETE /_emulator/sessions: an empty project. Generated ids stay reachable.</summary>
    public void Clear()
    {
        lock (_gate) { _sessions.Clear(); _sorted = null; }
    }

    public int Count { get { lock (_gate) return _sessions.Count; } }
    public int GeneratedCached => _generated.Count;

    /// <summary>The session <paramref name="id"/> of <paramref name="project"/> (null: the default project). A session of
    /// another project is not found, exactly like one that does not exist.</summary>
    public StoredSession? Find(string id, string? project)
    {
        var s = Find(id);
        return s is not null && s.Project == project ? s : null;
    }

    /// <summary>The projects other than the default that own a session (a project_id the emulator routes to).</summary>
    public bool IsKnownProject(string project)
    {
        lock (_gate) return _sessions.Values.Any(s => s.Project == project);
    }

    public StoredSession? Find(string id)
    {
        lock (_gate)
        {
            if (_sessions.TryGetValue(id, out var s)) return s;
            if (_deletedGenerated.Contains(id)) return null;
        }
        if (!SessionGenerator.TryParseId(id, out int events, out int seed)) return null;
        // Lazy: concurrent first requests for the same id generate it once.
        return _generated.GetOrAdd(id, key => new Lazy<StoredSession>(() => SessionGenerator.Generate(key, events, seed))).Value;
    }

    public bool Delete(string id)
    {
        lock (_gate)
        {
            if (_sessions.Remove(id)) { _sorted = null; return true; }
            return SessionGenerator.TryParseId(id, out _, out _) && _deletedGenerated.Add(id);
        }
    }

    public void Put(StoredSession s)
    {
        lock (_gate)
        {
            _sessions[s.Id] = s;
            _deletedGenerated.Remove(s.Id);
            _sorted = null;
        }
    }

    /// <summary>Listed sessions of the default project: last_updated_at desc, then session id.</summary>
    public StoredSession[] Listed()
    {
        lock (_gate)
        {
            return _sorted ??= _sessions.Values.Where(s => s.Listed && s.Project is null)
                .OrderByDescending(s => s.SortTime).ThenBy(s => s.Id, StringComparer.Ordinal).ToArray();
        }
    }

    /// <summary>Listed sessions of <paramref name="project"/> (null: the default project), in list order.</summary>
    public StoredSession[] Listed(string? project)
    {
        if (project is null) return Listed();
        lock (_gate)
        {
            return _sessions.Values.Where(s => s.Listed && s.Project == project)
                .OrderByDescending(s => s.SortTime).ThenBy(s => s.Id, StringComparer.Ordinal).ToArray();
        }
    }

    /// <summary>POST /_emulator/sessions: small generated, listed sessions &lt;prefix&gt;0001...</summary>
    public List<string> AddBatch(int count, string prefix, int events)
    {
        int first;
        lock (_gate) { first = _batchSequence; _batchSequence += count; }
        int width = Math.Max(4, count.ToString(CultureInfo.InvariantCulture).Length);
        var baseTime = new DateTime(2026, 5, 1, 8, 0, 0);
        var ids = new List<string>(count);
        var made = new List<StoredSession>(count);
        for (int i = 1; i <= count; i++)
        {
            int seq = first + i;
            string id = prefix + i.ToString("D" + width, CultureInfo.InvariantCulture);
            // Newer than every fixture, one second apart, with a varying microsecond part.
            var time = baseTime.AddSeconds(seq).AddTicks(seq * 7919 % 1_000_000 * 10L);
            made.Add(SessionGenerator.Generate(id, events, seq, time, listed: true));
            ids.Add(id);
        }
        lock (_gate)
        {
            foreach (var s in made) { _sessions[s.Id] = s; _deletedGenerated.Remove(s.Id); }
            _sorted = null;
        }
        return ids;
    }

    /// <summary>
    /// PUT /_emulator/sessions/{id}: the body is served verbatim. It is listed only when it is a
    /// JSON object with a string session_id; its summary then copies the body's own fields.
    /// </summary>
    public static StoredSession FromBody(string id, ReadOnlyMemory<byte> body, string? project = null)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("session_id", out var sid) && sid.ValueKind == JsonValueKind.String)
            {
                var sortTime = DateTime.MinValue;
                if (root.TryGetProperty("last_updated_at", out var lu) && lu.ValueKind == JsonValueKind.String)
                    DateTime.TryParse(lu.GetString(), CultureInfo.InvariantCulture,
                        DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out sortTime);
                return new StoredSession(id, body, SummaryOf(root), sortTime, listed: true) { Project = project };
            }
        }
        catch (JsonException) { }
        return new StoredSession(id, body, body, DateTime.MinValue, listed: false) { Project = project };
    }

    /// <summary>Everything but events, summary fields first in API order, unknown ones after.</summary>
    static ReadOnlyMemory<byte> SummaryOf(JsonElement root)
    {
        string[] order = ["last_updated_at", "session_id", "shared_access", "generated_title", "index_ids", "job_metadata"];
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer, SessionJson.Options))
        {
            w.WriteStartObject();
            foreach (var name in order)
                if (root.TryGetProperty(name, out var v)) { w.WritePropertyName(name); v.WriteTo(w); }
            foreach (var p in root.EnumerateObject())
                if (p.Name != "events" && Array.IndexOf(order, p.Name) < 0) p.WriteTo(w);
            w.WriteEndObject();
        }
        return buffer.WrittenMemory;
    }
}
