using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using LlamaCloud.Chat.Api;
using LlamaCloud.Chat.Http;
using LlamaCloud.Chat.Module;
using LlamaCloud.Chat.Serialization;

namespace LlamaCloud.Chat.NetFx
{
    /// <summary>One named check.</summary>
    internal sealed class Check
    {
        internal Check(string name, Action run)
        {
            Name = name;
            Run = run;
        }

        internal string Name { get; }
        internal Action Run { get; }
    }

    /// <summary>
    /// The PowerShell-free core on .NET Framework's profile: the session reader (whole and fed in pieces), numbers
    /// (including beyond the double range, where System.Text.Json's netstandard2.0 build refuses to parse), strings and
    /// escapes, retry decisions, summaries, and the runtime check. No System.Management.Automation is loaded here.
    /// </summary>
    internal static class CoreChecks
    {
        private static string Q(string s) => s.Replace('\'', '"');

        private const string Document =
            "{'session_id':'ses-fx','last_updated_at':'2026-04-22T12:34:41.342245','generated_title':'Q3 \\u2014 \\u00dcberblick \\ud83d\\ude80'," +
            "'index_ids':['idx-1','idx-2']," +
            "'job_metadata':{'duration_ms':1e400,'error':null,'export_config_ids':['e1'],'is_error':false,'total_input_tokens':100,'total_output_tokens':20.0,'turns':2}," +
            "'events':[" +
            "{'content':'What were the main findings? \u65e5\u672c\u8a9e','type':'user_input'}," +
            "{'content':' think\\n\\u00e9','type':'thinking_delta'}," +
            "{'\\u0063all_id':'call_1','name':'search_index','arguments':{'query':'Q3','top_k':5},'type':'tool_call'}," +
            "{'call_id':'call_1','name':'search_index','result':{'big':-1e400,'n':[1,2.5]},'type':'tool_result'}," +
            "{'content':'Revenue grew \\ud83d\\ude80','type':'text'}," +
            "{'error':null,'is_error':false,'usage':{'duration_ms':1500.25,'total_input_tokens':1200,'total_output_tokens':9223372036854775808,'turns':3},'type':'stop'}," +
            "{'type':'citation','x':1}" +
            "]}";

        private static (ChatSession Session, List<ChatEvent> Events) Read(byte[] json, int pieceSize)
        {
            var reader = new SessionReader("ses-fx", new KeptEvents());
            if (pieceSize <= 0)
            {
                reader.Read(json, true);
            }
            else
            {
                // As the network caller does: append what arrived, read, keep the unconsumed tail.
                var pending = new List<byte>();
                for (var at = 0; at < json.Length; at += pieceSize)
                {
                    for (var i = at; i < Math.Min(json.Length, at + pieceSize); i++) pending.Add(json[i]);
                    var consumed = reader.Read(pending.ToArray(), false);
                    pending.RemoveRange(0, consumed);
                }
                reader.Read(pending.ToArray(), true);
            }
            Equal(true, reader.IsComplete, "document complete");
            return (reader.Session, new List<ChatEvent>(reader.Session.Events ?? (IReadOnlyList<ChatEvent>)Array.Empty<ChatEvent>()));
        }

        internal static IEnumerable<Check> All()
        {
            var json = Encoding.UTF8.GetBytes(Q(Document));
            foreach (var piece in new[] { 0, 1, 7, 64 })
            {
                yield return new Check($"SessionReader reads every field (pieces of {piece})", () =>
                {
                    var (s, events) = Read(json, piece);
                    Equal("ses-fx", s.SessionId, "session id");
                    Equal("Q3 \u2014 \u00dcberblick \ud83d\ude80", s.GeneratedTitle, "title");
                    Equal("idx-1,idx-2", string.Join(",", s.IndexIds!), "index ids");
                    Equal(new DateTime(2026, 4, 22, 12, 34, 41, DateTimeKind.Utc).AddTicks(3422450), s.LastUpdatedAt, "last_updated_at");
                    Equal(DateTimeKind.Utc, s.LastUpdatedAt.Kind, "UTC");
                    Equal(double.PositiveInfinity, s.JobMetadata!.DurationMs, "1e400 is +Infinity, as on .NET");
                    Equal(100L, s.JobMetadata.TotalInputTokens, "input tokens");
                    Equal(20L, s.JobMetadata.TotalOutputTokens, "20.0 is a whole number of tokens");
                    Equal(2, s.JobMetadata.Turns, "turns");
                    Equal(7, events.Count, "event count");
                    Equal("What were the main findings? \u65e5\u672c\u8a9e", ((UserInputEvent)events[0]).Content, "user input");
                    Equal(" think\n\u00e9", ((ThinkingDeltaEvent)events[1]).Content, "escapes");
                    var call = (ToolCallEvent)events[2];
                    Equal("call_1", call.CallId, "escaped property name");
                    Equal("search_index", call.Name, "tool name");
                    Equal(Q("{'query':'Q3','top_k':5}"), call.ArgumentsJson, "arguments kept verbatim");
                    Equal(Q("{'big':-1e400,'n':[1,2.5]}"), ((ToolResultEvent)events[3]).ResultJson, "result kept verbatim");
                    Equal("Revenue grew \ud83d\ude80", ((TextEvent)events[4]).Content, "surrogate pair");
                    var stop = (StopEvent)events[5];
                    Equal(1500.25, stop.Usage!.DurationMs, "duration");
                    Equal(1200L, stop.Usage.TotalInputTokens, "tokens");
                    Equal(null, stop.Usage.TotalOutputTokens, "a token count beyond Int64 is null");
                    Equal(3, stop.Usage.Turns, "turns");
                    Equal("citation", ((UnknownEvent)events[6]).Type, "unknown type kept");
                    Equal(6, events[6].Index, "index");
                });
            }

            yield return new Check("a lazily built session (byte scanner, located members, 8-byte string skips) reads as an eager one", () =>
            {
                var (eager, _) = Read(json, 0);
                var body = AppendOnlyBuffer.CopyOf(json);
                var reader = ChatApi.WholeSessionReader("ses-fx");
                reader.Read(body, 0, true);
                var lazy = reader.Session;
                Equal(eager.EventCount, lazy.EventCount, "event count");
                var calls = ((LazyEvents?)lazy.Lazy)!.Select(new EventFilter(new[] { "tool_call" }, null));
                Equal(1, calls.Count, "one tool call selected");
                Equal("search_index", ((ToolCallEvent)calls[0]).Name, "its name");
                Equal(false, ((LazyEvents?)lazy.Lazy).IsMaterialized, "nothing else built");
                for (var i = 0; i < eager.Events!.Count; i++)
                    Equal(eager.Events[i].ToString(), lazy.Events![i].ToString(), $"event {i}");
                var longText = new string('x', 37) + "\\\"" + new string('\u00e9', 29);
                var doc = Encoding.UTF8.GetBytes("{\"events\":[{\"content\":\"" + longText + "\",\"type\":\"text\"}]}");
                var (_, one) = Read(doc, 0);
                Equal(new string('x', 37) + "\"" + new string('\u00e9', 29), ((TextEvent)one[0]).Content, "a long string with an escape");
            });

            yield return new Check("numbers beyond the double range are +/-Infinity, never an exception", () =>
            {
                foreach (var (text, expected) in new[] { ("1e400", double.PositiveInfinity), ("-1e400", double.NegativeInfinity), ("1e308", 1e308), ("-2.5e-3", -0.0025), ("1e-400", 0.0) })
                {
                    var (s, _) = Read(Encoding.UTF8.GetBytes(Q("{'session_id':'a','job_metadata':{'duration_ms':" + text + "}}")), 0);
                    Equal(expected, s.JobMetadata!.DurationMs, text);
                }
            });

            yield return new Check("why JsonNumbers.AnyDouble exists: this System.Text.Json build refuses 1e400", () =>
            {
                var reader = new System.Text.Json.Utf8JsonReader(Encoding.UTF8.GetBytes("1e400"));
                reader.Read();
                Equal(false, reader.TryGetDouble(out _), "TryGetDouble(1e400)");
                Exception? caught = null;
                try { reader.GetDouble(); } catch (FormatException ex) { caught = ex; }
                Equal(true, caught != null, "GetDouble(1e400) throws FormatException");
                Equal(double.PositiveInfinity, JsonNumbers.AnyDouble(ref reader), "AnyDouble(1e400)");
            });

            yield return new Check("a truncated document is reported, not swallowed", () =>
            {
                var reader = new SessionReader("a", new KeptEvents());
                Exception? caught = null;
                try { reader.Read(Encoding.UTF8.GetBytes(Q("{'session_id':'a','events':[{'type':'text','content':'x'}")), true); }
                catch (Exception ex) { caught = ex; }
                Equal(true, caught is InvalidSessionJsonException || !reader.IsComplete, "truncation noticed");
            });

            yield return new Check("retry decisions by status and x-should-retry", () =>
            {
                foreach (var status in new[] { 408, 409, 429, 500, 503, 599 }) Equal(true, RetryPolicy.ShouldRetry(status, null), status.ToString(CultureInfo.InvariantCulture));
                foreach (var status in new[] { 200, 400, 401, 403, 404, 407, 422 }) Equal(false, RetryPolicy.ShouldRetry(status, null), status.ToString(CultureInfo.InvariantCulture));
                Equal(true, RetryPolicy.ShouldRetry(400, Headers(("x-should-retry", "true"))), "override true");
                Equal(false, RetryPolicy.ShouldRetry(503, Headers(("x-should-retry", "false"))), "override false");
            });

            yield return new Check("retry delays: backoff, Retry-After, retry-after-ms", () =>
            {
                var now = new DateTimeOffset(2026, 4, 22, 12, 0, 0, TimeSpan.Zero);
                Equal(TimeSpan.FromSeconds(0.5), RetryPolicy.GetDelay(1, null, now, 0), "first backoff");
                Equal(TimeSpan.FromSeconds(8), RetryPolicy.GetDelay(10, null, now, 0), "capped backoff");
                Equal(TimeSpan.FromSeconds(3), RetryPolicy.GetDelay(1, Headers(("Retry-After", "3")), now, 0), "Retry-After seconds");
                Equal(TimeSpan.FromMilliseconds(250), RetryPolicy.GetDelay(1, Headers(("retry-after-ms", "250")), now, 0), "retry-after-ms");
                Equal(TimeSpan.FromSeconds(5), RetryPolicy.GetDelay(1, Headers(("Retry-After", now.AddSeconds(5).ToString("r", CultureInfo.InvariantCulture))), now, 0), "Retry-After date");
            });

            yield return new Check("retry budget", () =>
            {
                var b = new RetryBudget(2);
                Equal(3, b.MaxAttempts, "attempts");
                Equal(true, b.TryTake(false, out var r1) && r1 == 1, "first retry");
                Equal(true, b.TryTake(false, out var r2) && r2 == 2, "second retry");
                Equal(false, b.TryTake(false, out _), "budget spent");
            });

            yield return new Check("one-line summaries", () =>
            {
                Equal("a b", TextSummary.OneLine("a\r\n b"), "whitespace folded");
                Equal(new string('x', 20) + "\u2026", TextSummary.OneLine(new string('x', 500), 20), "cut with an ellipsis");
            });

            yield return new Check("runtime check: .NET Framework and .NET 8+ run the module, .NET Core 3.1-7 do not", () =>
            {
                Equal(null, RuntimeCheck.UnsupportedReason(".NET Framework 4.8.9221.0", new Version(4, 0, 30319, 42000)), "Windows PowerShell 5.1");
                Equal(null, RuntimeCheck.UnsupportedReason(".NET 8.0.11", new Version(8, 0, 11)), "PowerShell 7.4");
                Equal(true, RuntimeCheck.UnsupportedReason(".NET 7.0.20", new Version(7, 0, 20))!.Contains("PowerShell 7.4 or later"), "PowerShell 7.3");
                Equal(true, RuntimeCheck.UnsupportedReason(".NET Core 3.1.32", new Version(3, 1, 32))!.Contains("Windows PowerShell 5.1"), "PowerShell 7.0");
                Equal(true, RuntimeCheck.UnsupportedReason(".NET Core 4.6.27129.04", new Version(4, 0, 30319, 42000)) != null, "PowerShell 6 (.NET Core 2.x)");
                Equal(null, RuntimeCheck.UnsupportedReason(System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription, Environment.Version), "this runtime");
            });
        }

        private static HttpResponseHeaders Headers(params (string Name, string Value)[] headers)
        {
            var h = new HttpResponseMessage().Headers;
            foreach (var (name, value) in headers) h.TryAddWithoutValidation(name, value);
            return h;
        }

        private static void Equal<T>(T expected, T actual, string what)
        {
            if (!EqualityComparer<T>.Default.Equals(expected, actual))
                throw new InvalidOperationException($"{what}: expected <{expected}>, got <{actual}>");
        }
    }
}
