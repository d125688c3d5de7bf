using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace LlamaCloud.Emulator;

/// <summary>A session as served: pre-serialised bytes, so a GET is a plain memory write.</summary>
sealed class StoredSession(string id, ReadOnlyMemory<byte> body, ReadOnlyMemory<byte> summary, DateTime sortTime, bool listed)
{
    /// <summary>The project the session belongs to; null for the key's default project (see <see cref="Projects"/>).</summary>
    public string? Project { get; init; }
    public string Id { get; } = id;
    /// <summary>Full GET /api/v1/chat/{id} body.</summary>
    public ReadOnlyMemory<byte> Body { get; } = body;
    /// <summary>Summary object (no events); list items and /summary.</summary>
    public ReadOnlyMemory<byte> Summary { get; } = summary;
    public DateTime SortTime { get; } = sortTime;
    public bool Listed { get; } = listed;
}

/// <summary>
/// Summary fields of a session. The optional ones are raw JSON fragments so fixtures can say
/// "missing" (C# null: property omitted) apart from "null" (the JSON literal).
/// </summary>
sealed record SessionMeta(string Id, DateTime LastUpdated, string? TitleJson, string? IndexIdsJson, string? JobMetadataJson)
{
    /// <summary>shared_access: "query" | "read_only", required in every session shape of the GA API.</summary>
    public string SharedAccess { get; init; } = "read_only";
}

/// <summary>Pre-encoded property names / type values: the generator writes millions of them.</summary>
static class Names
{
    public static readonly JsonEncodedText Events = JsonEncodedText.Encode("events");
    public static readonly JsonEncodedText LastUpdatedAt = JsonEncodedText.Encode("last_updated_at");
    public static readonly JsonEncodedText SessionId = JsonEncodedText.Encode("session_id");
    public static readonly JsonEncodedText SharedAccess = JsonEncodedText.Encode("shared_access");
    public static readonly JsonEncodedText SkippedIndexIds = JsonEncodedText.Encode("skipped_index_ids");
    public static readonly JsonEncodedText GeneratedTitle = JsonEncodedText.Encode("generated_title");
    public static readonly JsonEncodedText IndexIds = JsonEncodedText.Encode("index_ids");
    public static readonly JsonEncodedText JobMetadata = JsonEncodedText.Encode("job_metadata");
    public static readonly JsonEncodedText Content = JsonEncodedText.Encode("content");
    public static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    public static readonly JsonEncodedText CallId = JsonEncodedText.Encode("call_id");
    public static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
    public static readonly JsonEncodedText Arguments = JsonEncodedText.Encode("arguments");
    public static readonly JsonEncodedText Result = JsonEncodedText.Encode("result");
    public static readonly JsonEncodedText ImageAttachment = JsonEncodedText.Encode("image_attachment");
    public static readonly JsonEncodedText Error = JsonEncodedText.Encode("error");
    public static readonly JsonEncodedText IsError = JsonEncodedText.Encode("is_error");
    public static readonly JsonEncodedText Usage = JsonEncodedText.Encode("usage");

    public static readonly JsonEncodedText UserInput = JsonEncodedText.Encode("user_input");
    public static readonly JsonEncodedText ThinkingDelta = JsonEncodedText.Encode("thinking_delta");
    public static readonly JsonEncodedText Thinking = JsonEncodedText.Encode("thinking");
    public static readonly JsonEncodedText TextDelta = JsonEncodedText.Encode("text_delta");
    public static readonly JsonEncodedText Text = JsonEncodedText.Encode("text");
    public static readonly JsonEncodedText ToolCall = JsonEncodedText.Encode("tool_call");
    public static readonly JsonEncodedText ToolResult = JsonEncodedText.Encode("tool_result");
    public static readonly JsonEncodedText Stop = JsonEncodedText.Encode("stop");
}

static class SessionJson
{
    public const string ContentType = "application/json; charset=utf-8";

    /// <summary>
    /// Relaxed encoder: non-ASCII text goes out as UTF-8 like the real API, not as \uXXXX.
    /// SkipValidation: our writers are structurally correct and the checks cost time on 1M events.
    /// </summary>
    public static readonly JsonWriterOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    static readonly JsonSerializerOptions QuoteOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The API's timestamp form: microseconds, no offset (e.g. 2026-04-22T12:34:41.342245).</summary>
    public static string Timestamp(DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture);

    public static DateTime ParseTimestamp(string s) =>
        DateTime.ParseExact(s, "yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture);

    /// <summary>A C# string as a JSON string literal (null becomes the null literal).</summary>
    public static string Quote(string? s) => s is null ? "null" : JsonSerializer.Serialize(s, QuoteOptions);

    /// <summary>Summary properties in the real API's order (after events, if any).</summary>
    public static void WriteSummaryFields(Utf8JsonWriter w, SessionMeta m)
    {
        w.WriteString(Names.LastUpdatedAt, Timestamp(m.LastUpdated));
        w.WriteString(Names.SessionId, m.Id);
        w.WriteString(Names.SharedAccess, m.SharedAccess);
        WriteRawProperty(w, Names.GeneratedTitle, m.TitleJson);
        WriteRawProperty(w, Names.IndexIds, m.IndexIdsJson);
        WriteRawProperty(w, Names.JobMetadata, m.JobMetadataJson);
    }

    public static void WriteRawProperty(Utf8JsonWriter w, JsonEncodedText name, string? json)
    {
        if (json is null) return; // "missing" rather than null
        w.WritePropertyName(name);
        w.WriteRawValue(json); // validated: fixtures are hand-written
    }

    public static ReadOnlyMemory<byte> Summary(SessionMeta m)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            WriteSummaryFields(w, m);
            w.WriteEndObject();
        }
        return buffer.WrittenMemory;
    }

    /// <summary>Serialises a hand-written session: events first, then the summary fields.</summary>
    public static StoredSession Build(SessionMeta m, Action<EventWriter> writeEvents)
    {
        var buffer = new ArrayBufferWriter<byte>(2048);
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            w.WriteStartArray(Names.Events);
            writeEvents(new EventWriter(w));
            w.WriteEndArray();
            WriteSummaryFields(w, m);
            w.WriteEndObject();
        }
        return new StoredSession(m.Id, buffer.WrittenMemory, Summary(m), m.LastUpdated, listed: true);
    }
}

/// <summary>
/// Writes the known event shapes with `type` LAST, as the real API does. Nested values
/// (arguments, result, usage, attachment) are raw JSON so fixtures read like the wire format.
/// </summary>
sealed class EventWriter(Utf8JsonWriter w)
{
    public EventWriter Content(string type, string content)
    {
        w.WriteStartObject();
        w.WriteString(Names.Content, content);
        w.WriteString(Names.Type, type);
        w.WriteEndObject();
        return this;
    }

    public EventWriter ToolCall(string callId, string name, string argumentsJson)
    {
        w.WriteStartObject();
        w.WriteString(Names.CallId, callId);
        w.WriteString(Names.Name, name);
        SessionJson.WriteRawProperty(w, Names.Arguments, argumentsJson);
        w.WriteString(Names.Type, Names.ToolCall);
        w.WriteEndObject();
        return this;
    }

    /// <param name="attachmentJson">raw JSON; null omits image_attachment, "null" writes null.</param>
    public EventWriter ToolResult(string callId, string name, string resultJson, string? attachmentJson)
    {
        w.WriteStartObject();
        w.WriteString(Names.CallId, callId);
        w.WriteString(Names.Name, name);
        SessionJson.WriteRawProperty(w, Names.Result, resultJson);
        SessionJson.WriteRawProperty(w, Names.ImageAttachment, attachmentJson);
        w.WriteString(Names.Type, Names.ToolResult);
        w.WriteEndObject();
        return this;
    }

    public EventWriter Stop(string? error, bool isError, string usageJson, IReadOnlyList<string>? skippedIndexIds = null)
    {
        w.WriteStartObject();
        if (error is null) w.WriteNull(Names.Error); else w.WriteString(Names.Error, error);
        w.WriteBoolean(Names.IsError, isError);
        SessionJson.WriteRawProperty(w, Names.Usage, usageJson);
        if (skippedIndexIds is { Count: > 0 })
        {
            w.WriteStartArray(Names.SkippedIndexIds);
            foreach (var id in skippedIndexIds) w.WriteStringValue(id);
            w.WriteEndArray();
        }
        w.WriteString(Names.Type, Names.Stop);
        w.WriteEndObject();
        return this;
    }

    /// <summary>An event exactly as given (unknown types, missing type, extra fields, escapes).</summary>
    public EventWriter Raw(string json)
    {
        w.WriteRawValue(json);
        return this;
    }
}
