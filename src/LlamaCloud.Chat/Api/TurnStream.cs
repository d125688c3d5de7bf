using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using LlamaCloud.Chat.Http;
using LlamaCloud.Chat.Serialization;

namespace LlamaCloud.Chat.Api
{
    /// <summary>
    /// What a chat turn's event stream says, whatever its framing (docs/api.md, "The stream's framing"): the SSE bytes,
    /// fed in any pieces, become the turn's events; <c>data: [DONE]</c> ends the turn; an <c>event: error</c> frame, a
    /// payload of type <c>error</c>, or a JSON error body where an event should be (<c>{"detail": ...}</c> without a
    /// <c>type</c>, framed or written raw) ends it with the server's words. The <c>event:</c> label is a category, never
    /// the type: the payload's <c>type</c> decides. Pure (no I/O), so every framing can be cut at every byte in tests.
    /// </summary>
    internal sealed class TurnStream
    {
        private readonly EventStreamParser _parser = new EventStreamParser();
        private readonly List<ServerSentEvent> _parsed = new List<ServerSentEvent>();

        /// <summary>True after <c>data: [DONE]</c>: nothing after it is read.</summary>
        internal bool Done { get; private set; }

        /// <summary>The server's words when it reported an error inside the stream; null otherwise.</summary>
        internal string? ServerError { get; private set; }

        /// <summary>True once the stream said all it will (done or failed): the reader stops reading.</summary>
        internal bool Ended => Done || ServerError != null;

        /// <summary>True once a stop event has been delivered.</summary>
        internal bool Stopped { get; private set; }

        /// <summary>Keep-alive comments seen.</summary>
        internal int Comments => _parser.Comments;

        /// <summary>Data payloads that carried no event (blank data), for the verbose log.</summary>
        internal List<string> Skipped { get; } = new List<string>();

        /// <summary>Parses <paramref name="chunk"/>; every event it completes is added to <paramref name="events"/> with its SSE
        /// event name. Nothing is added once <see cref="Ended"/>.</summary>
        internal void Feed(ReadOnlySpan<byte> chunk, List<(ChatEvent Event, string Label)> events)
        {
            if (Ended) return;
            _parser.Feed(chunk, _parsed);
            Take(events);
            if (!Ended && _parser.StrayJsonLine is { } stray && IsComplete(stray)) ServerError = ErrorWords(stray);
        }

        /// <summary>The end of the body: a last unterminated line may still be an error body.</summary>
        internal void Complete()
        {
            if (Ended) return;
            _parser.Complete();
            if (_parser.StrayJsonLine is { } stray) ServerError = ErrorWords(stray);
        }

        private void Take(List<(ChatEvent Event, string Label)> events)
        {
            foreach (var sse in _parsed)
            {
                if (Ended) break;
                if (IsDone(sse.Data))
                {
                    Done = true;
                    break;
                }
                if (string.Equals(sse.Type, "error", StringComparison.OrdinalIgnoreCase))
                {
                    ServerError = ErrorWords(sse.Data);
                    break;
                }
                var e = StreamedEventReader.Read(sse.Data);
                if (e == null)
                {
                    Skipped.Add(Encoding.UTF8.GetString(sse.Data));
                    continue;
                }
                if (e is UnknownEvent u && (u.Type == "error" || (u.Type == null && u.IsJson && IsErrorBody(sse.Data))))
                {
                    ServerError = ErrorWords(sse.Data);
                    break;
                }
                if (e is StopEvent) Stopped = true;
                events.Add((e, sse.Type));
            }
            _parsed.Clear();
        }

        private static bool IsDone(byte[] data)
        {
            var text = Encoding.UTF8.GetString(data).Trim();
            return text == StreamedEventReader.DoneMarker;
        }

        // A raw JSON line is taken as an error body only once it is one whole JSON value (it may still be arriving).
        private static bool IsComplete(byte[] line)
        {
            try
            {
                using var doc = JsonDocument.Parse(line);
                return true;
            }
            catch (JsonException)
            {
                return line.Length >= EventStreamParser.StrayLimit;
            }
        }

        /// <summary>An object with no <c>type</c> whose members are those of an HTTP error body (FastAPI's <c>detail</c>, or
        /// <c>error</c>/<c>message</c> with at most a status or code beside them).</summary>
        private static bool IsErrorBody(byte[] data)
        {
            try
            {
                using var doc = JsonDocument.Parse(data);
                if (doc.RootElement.ValueKind != JsonValueKind.Object) return false;
                var words = false;
                foreach (var p in doc.RootElement.EnumerateObject())
                {
                    switch (p.Name)
                    {
                        case "detail":
                        case "error":
                        case "message":
                            words = true;
                            break;
                        case "status":
                        case "status_code":
                        case "code":
                        case "title":
                            break;
                        default:
                            return false;
                    }
                }
                return words;
            }
            catch (JsonException)
            {
                return false;
            }
        }

        /// <summary>The server's words: <c>detail</c>, <c>error</c> (or its <c>message</c>), <c>message</c>; else the text.</summary>
        internal static string ErrorWords(byte[] data)
        {
            var text = Encoding.UTF8.GetString(data).Trim();
            try
            {
                using var doc = JsonDocument.Parse(text);
                var root = doc.RootElement;
                if (root.ValueKind == JsonValueKind.Object)
                {
                    foreach (var name in new[] { "detail", "error", "message" })
                    {
                        if (!root.TryGetProperty(name, out var v)) continue;
                        if (v.ValueKind == JsonValueKind.String) return v.GetString() ?? text;
                        if (v.ValueKind == JsonValueKind.Object)
                        {
                            if (v.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String) return m.GetString() ?? text;
                            if (v.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String) return d.GetString() ?? text;
                        }
                        if (v.ValueKind == JsonValueKind.Array) return ResponseText.ExtractDetail(text) ?? text;
                    }
                }
            }
            catch (JsonException)
            {
            }
            return text.Length == 0 ? Messages.NoServerMessage() : text;
        }
    }
}
