using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using Xunit;
using LlamaCloud.Chat.Api;
using LlamaCloud.Chat.Archive;
using LlamaCloud.Chat.Http;
using LlamaCloud.Chat.Serialization;
using static LlamaCloud.Chat.Tests.TestUtil;

namespace LlamaCloud.Chat.Tests
{
    /// <summary>
    /// Review of the byte scanner's session read: whole sessions, valid and broken, read at once and cut into random
    /// chunks, must give the same events and the same error as each other, and the events (or the refusal) that a read by
    /// Utf8JsonReader alone gives.
    /// </summary>
    [Collection(nameof(ReusedBuffersCollection))]
    public class ScannerReviewTests
    {
        private static readonly string[] Names = { "type", "content", "call_id", "name", "arguments", "result", "error", "is_error", "usage", "x" };
        private static readonly string[] Types = { "text", "text_delta", "thinking", "thinking_delta", "user_input", "tool_call", "tool_result", "stop", "citation", "" };

        private static string Ws(Random r) => r.Next(6) switch { 0 => " ", 1 => "\n\t", 2 => "\r\n ", _ => "" };

        private static string Str(Random r)
        {
            var sb = new StringBuilder("\"");
            var n = r.Next(0, 24);
            for (var i = 0; i < n; i++)
            {
                switch (r.Next(14))
                {
                    case 0: sb.Append("\\\""); break;
                    case 1: sb.Append("\\n"); break;
                    case 2: sb.Append("\\u00").Append(r.Next(16).ToString("x")).Append(r.Next(16).ToString("X")); break;
                    case 3: sb.Append('\u00e9'); break;
                    case 4: sb.Append('\u007f'); break;
                    case 5: sb.Append("\ud83d\ude00"); break;
                    case 6: sb.Append("\\/"); break;
                    default: sb.Append((char)r.Next('a', 'z' + 1)); break;
                }
            }
            return sb.Append('"').ToString();
        }

        private static string Num(Random r) => r.Next(8) switch
        {
            0 => "0",
            1 => "-0",
            2 => "-0.0e+00",
            3 => "1E-7",
            _ => (r.Next(2) == 0 ? "-" : "") + r.Next(0, 100000) + (r.Next(3) == 0 ? "." + r.Next(0, 999) : "")
                 + (r.Next(4) == 0 ? (r.Next(2) == 0 ? "e" : "E") + (r.Next(3) switch { 0 => "-", 1 => "+", _ => "" }) + r.Next(0, 30) : ""),
        };

        // Near misses of the grammar, rarely: each body that has one must be refused.
        private static readonly string[] NearMisses =
        {
            "01", "-01", "00", "1.", "1e", "1e+", "-", ".5", "+1", "1.e5", "0x1", "tru", "nul", "fals", "truex", "nulll", "True",
            "\"\\x\"", "\"\\u12G4\"", "\"a\tb\"", "[1,]", "{\"a\":1,}", "{\"a\"}", "[,]", "1/", "NaN", "\u00a0" + "1",
        };

        private static string Value(Random r, int depth)
        {
            if (r.Next(60) == 0) return NearMisses[r.Next(NearMisses.Length)];
            switch (r.Next(depth > 8 ? 5 : 9))
            {
                case 0: return Str(r);
                case 1: return Num(r);
                case 2: return "true";
                case 3: return "false";
                case 4: return "null";
                case 5:
                case 6: return Obj(r, depth + 1, false);
                default: return "[" + string.Join(",", Enumerable.Range(0, r.Next(0, 4)).Select(_ => Ws(r) + Value(r, depth + 1) + Ws(r))) + "]";
            }
        }

        private static string Obj(Random r, int depth, bool isEvent)
        {
            var members = Enumerable.Range(0, r.Next(0, 5)).Select(_ =>
            {
                var name = Names[r.Next(Names.Length)];
                if (r.Next(20) == 0) name = "t\\u0079pe";
                var value = name == "type" && r.Next(4) > 0 ? "\"" + Types[r.Next(Types.Length)] + "\"" : Value(r, depth);
                return Ws(r) + "\"" + name + "\"" + Ws(r) + ":" + Ws(r) + value + Ws(r);
            }).ToList();
            if (isEvent && r.Next(3) > 0) members.Add("\"type\":\"" + Types[r.Next(Types.Length)] + "\"");
            return "{" + string.Join(",", members) + "}";
        }

        private static string Deep(Random r, int levels)
        {
            var open = new StringBuilder();
            var close = new StringBuilder();
            for (var i = 0; i < levels; i++)
            {
                if (r.Next(2) == 0) { open.Append("{\"a\":"); close.Insert(0, "}"); }
                else { open.Append('['); close.Insert(0, "]"); }
            }
            return open + "1" + close;
        }

        private static string Event(Random r)
        {
            switch (r.Next(12))
            {
                case 0: return Value(r, 0); // any value, primitives included
                case 1: return "{\"type\":\"text\",\"content\":" + Deep(r, r.Next(60, 70)) + "}";
                case 2: return "{\"type\":\"tool_call\",\"call_id\":\"c\",\"name\":\"n\",\"arguments\":" + Deep(r, r.Next(1, 8)) + "}";
                case 3:
                {
                    // Two type members, one of them not a string, in an event only the reader can read (too deep for the scanner).
                    var first = r.Next(2) == 0 ? "type" : "t\\u0079pe";
                    var deep = Deep(r, r.Next(64, 68));
                    return r.Next(2) == 0
                        ? "{\"" + first + "\":\"" + Types[r.Next(Types.Length)] + "\",\"content\":\"c\",\"name\":\"n\",\"type\":" + deep + "}"
                        : "{\"type\":" + deep + ",\"content\":\"c\",\"" + first + "\":\"" + Types[r.Next(Types.Length)] + "\"}";
                }
                default: return Obj(r, 1, true);
            }
        }

        // An event that is valid JSON (the generator sometimes writes a near miss on purpose).
        private static string ValidEvent(Random r)
        {
            while (true)
            {
                var e = Event(r);
                if (Reference(Utf8("{\"events\":[" + e + "]}")).Events != null) return e;
            }
        }

        internal static string Body(Random r)
        {
            var events = string.Join(",", Enumerable.Range(0, r.Next(0, 8)).Select(_ => Ws(r) + Event(r) + Ws(r)));
            var array = "[" + (events.Length == 0 ? Ws(r) : events) + "]";
            var sb = new StringBuilder("{" + Ws(r));
            switch (r.Next(6))
            {
                case 0: sb.Append("\"events\":").Append(array).Append(",\"session_id\":\"s\""); break;
                case 1: sb.Append("\"session_id\":\"s\",\"events\"").Append(Ws(r)).Append(':').Append(Ws(r)).Append(array).Append(Ws(r)).Append(",\"events\":[{\"type\":\"stop\"}]"); break;
                case 2: sb.Append("\"session_id\":\"s\",\"events\":null"); break;
                default: sb.Append("\"session_id\":\"s\",\"events\":").Append(array).Append(Ws(r)).Append(",\"generated_title\":").Append(Str(r)).Append(",\"job_metadata\":{\"turns\":2}"); break;
            }
            return sb.Append(Ws(r)).Append('}').Append(r.Next(4) == 0 ? "\n" : "").ToString();
        }

        private static readonly byte[] Alphabet = Utf8("{}[]\",:\\ \t\n-+.0123456789eEtrufalsn/\u0001xyz\u00e9").Concat(new byte[] { 0x7f, 0x80, 0xff, 0x0c, 0x00 }).ToArray();

        internal static byte[] Mutate(Random random, byte[] doc)
        {
            var list = doc.ToList();
            var edits = random.Next(1, 3);
            for (var k = 0; k < edits; k++)
            {
                var at = random.Next(list.Count + 1);
                switch (random.Next(4))
                {
                    case 0: list.Insert(at, Alphabet[random.Next(Alphabet.Length)]); break;
                    case 1: if (at < list.Count) list.RemoveAt(at); break;
                    case 2: if (at < list.Count) list[at] = Alphabet[random.Next(Alphabet.Length)]; break;
                    default: list.RemoveRange(at, list.Count - at); break; // cut off
                }
            }
            return list.ToArray();
        }

        // The old read: Utf8JsonReader alone decides validity, and each element of every events array is one event,
        // built by the reader-based path. Null events: the body is refused. truncated: a valid beginning of JSON.
        private static (List<string>? Events, bool Truncated, bool NotASession) Reference(byte[] body)
        {
            var options = new JsonReaderOptions { MaxDepth = 256 };
            var reader = new Utf8JsonReader(body, isFinalBlock: true, new JsonReaderState(options));
            try
            {
                while (reader.Read()) { }
            }
            catch (JsonException)
            {
                var probe = new Utf8JsonReader(body, isFinalBlock: false, new JsonReaderState(options));
                try
                {
                    while (probe.Read()) { }
                    return (null, true, false);
                }
                catch (JsonException)
                {
                    return (null, false, false);
                }
            }
            var list = new List<string>();
            var index = 0;
            var walk = new Utf8JsonReader(body, isFinalBlock: true, new JsonReaderState(options));
            walk.Read();
            if (walk.TokenType != JsonTokenType.StartObject) return (null, false, true);
            while (walk.Read() && walk.TokenType == JsonTokenType.PropertyName)
            {
                var isEvents = walk.ValueTextEquals("events"u8);
                walk.Read();
                if (isEvents && walk.TokenType != JsonTokenType.StartArray && walk.TokenType != JsonTokenType.Null) return (null, false, true);
                if (!isEvents || walk.TokenType != JsonTokenType.StartArray) { walk.Skip(); continue; }
                while (walk.Read() && walk.TokenType != JsonTokenType.EndArray)
                {
                    var from = (int)walk.TokenStartIndex;
                    walk.Skip();
                    var bytes = body.AsSpan(from, (int)walk.BytesConsumed - from).ToArray();
                    var r = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = 254 });
                    r.Read();
                    Assert.True(EventReader.TryRead(ref r, bytes, null, null, 0, out var e));
                    e!.Index = index++;
                    e.SessionId = "ses-1";
                    list.Add(Describe(e));
                }
            }
            return (list, false, false);
        }

        private static (List<string>? Events, string? Error) Outcome(Func<IEnumerable<ChatEvent>> read)
        {
            try
            {
                return (DescribeAll(read()), null);
            }
            catch (InvalidSessionJsonException ex)
            {
                return (null, Normalized(ex.Message));
            }
        }

        // Utf8JsonReader quotes a bad literal with everything up to the end of its buffer, which depends on where a chunk ends.
        private static string Normalized(string message)
        {
            const string Marker = " is an invalid JSON literal.";
            var at = message.IndexOf(Marker, StringComparison.Ordinal);
            // The quoted literal opens the reader's words: right after "(" or after the "...of the body: " that names the event.
            var open = message.IndexOf("('", StringComparison.Ordinal);
            var named = message.IndexOf(" of the body: '", StringComparison.Ordinal);
            var quote = named >= 0 && named < at ? named + " of the body: ".Length : open >= 0 && open < at ? open + 1 : -1;
            return at > 0 && quote >= 0 ? message.Substring(0, quote) + "<literal>" + message.Substring(at) : message;
        }

        private static IEnumerable<ChatEvent> Chunked(byte[] body, int[] sizes, bool keep)
        {
            var reader = new SessionReader("ses-1", keep ? new KeptEvents() : new StreamedEvents(null));
            var output = new List<ChatEvent>();
            var content = new System.Net.Http.StreamContent(new TrickleStream(body, sizes));
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            using var response = new System.Net.Http.HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = content };
            using var ctx = new AttemptContext(1, TimeSpan.FromSeconds(60), System.Threading.CancellationToken.None);
            ResponseBody.ReadSessionAsync(response, reader, batch => { output.AddRange(batch); return System.Threading.Tasks.Task.CompletedTask; }, ctx)
                .GetAwaiter().GetResult();
            // A kept read hands nothing out: its events are the session's; a streamed one keeps none.
            if (!keep) return output;
            Assert.Empty(output);
            return reader.Session.Events ?? (IEnumerable<ChatEvent>)Array.Empty<ChatEvent>();
        }

        private static IEnumerable<ChatEvent> Lazy(byte[] body, int[] sizes) =>
            FetchWhole(body, "ses-1", sizes).Events ?? (IEnumerable<ChatEvent>)Array.Empty<ChatEvent>();

        private const string AfterEnd = "The response has unexpected data after the end of the session.";

        private static void CheckBody(byte[] body, Random r, string label)
        {
            var (expected, truncated, notASession) = Reference(body);
            var whole = Outcome(() =>
            {
                var reader = new SessionReader("ses-1", new KeptEvents());
                var output = new List<ChatEvent>();
                reader.Read(body, true, output);
                return output;
            });
            if (expected != null)
            {
                Assert.True(whole.Error == null, $"{label}: the reader accepts it, the session read says: {whole.Error}");
                Assert.True(expected.SequenceEqual(whole.Events!), $"{label}: events differ from the reader's\n{string.Join("\n", expected)}\n--\n{string.Join("\n", whole.Events!)}");
            }
            else if (notASession)
            {
                Assert.True(whole.Error != null, $"{label}: valid JSON but no session, and accepted");
            }
            else if (whole.Error == null)
            {
                Assert.Fail($"{label}: the reader refuses it, the session read accepted it");
            }
            else if (whole.Error.StartsWith("The response body ended", StringComparison.Ordinal) || whole.Error.StartsWith("The response is not valid JSON", StringComparison.Ordinal))
            {
                Assert.True(truncated == whole.Error.Contains("truncated"), $"{label}: truncated is {truncated}, the session read says: {whole.Error}");
            }
            for (var k = 0; k < 3; k++)
            {
                var sizes = Enumerable.Range(0, r.Next(1, 6)).Select(_ => r.Next(3) == 0 ? r.Next(1, 4) : r.Next(1, 80)).ToArray();
                var keep = k != 1;
                var chunked = Outcome(() => Chunked(body, sizes, keep));
                var tag = $"{label} in chunks of {string.Join(",", sizes)} (keep {keep})";
                // A streamed read stops at the session's closing brace (ResponseBody, unchanged by the scanner).
                if (whole.Error == AfterEnd && chunked.Error == null) continue;
                Assert.True(whole.Error == chunked.Error, $"{tag}: whole says {whole.Error ?? "ok"}, chunked {chunked.Error ?? "ok"}");
                if (whole.Error == null) Assert.True(whole.Events!.SequenceEqual(chunked.Events!), $"{tag}: events differ");
            }
            if (whole.Error == null) CheckFilters(body, whole.Events!, r, label);
            // An export builds nothing and only validates: it must accept and refuse exactly the same bodies.
            var validated = Outcome(() =>
            {
                var reader = new SessionReader("ses-1", SummaryOnly.Instance);
                var output = new List<ChatEvent>();
                reader.Read(body, true, output);
                Assert.Empty(output);
                return output;
            });
            Assert.True(whole.Error == validated.Error, $"{label}: whole says {whole.Error ?? "ok"}, an export's read {validated.Error ?? "ok"}");
            var sizesLazy = Enumerable.Range(0, r.Next(1, 6)).Select(_ => r.Next(1, 80)).ToArray();
            var lazy = Outcome(() => Lazy(body, sizesLazy));
            if (whole.Error == AfterEnd && lazy.Error == null) return;
            Assert.True(whole.Error == lazy.Error, $"{label} lazy in chunks of {string.Join(",", sizesLazy)}: whole says {whole.Error ?? "ok"}, lazy {lazy.Error ?? "ok"}");
            if (whole.Error == null) Assert.True(whole.Events!.SequenceEqual(lazy.Events!), $"{label} lazy: events differ");
        }

        private static readonly EventFilter[] Filters =
        {
            new EventFilter(new[] { "text" }, null), new EventFilter(new[] { "unknown" }, null), new EventFilter(new[] { "citation" }, null),
            new EventFilter(new[] { "stop", "text_delta" }, null), new EventFilter(null, new[] { "n*" }), new EventFilter(new[] { "tool_call" }, new[] { "*" }),
            new EventFilter(new[] { "unknown", "citation" }, null), new EventFilter(new[] { "thinking", "user_input", "tool_result" }, null),
        };

        // A filtered read (whole, chunked, skipping a resumed download's first events) and a lazy session's Select must
        // give exactly the events of the unfiltered read that the filter matches.
        private static void CheckFilters(byte[] body, List<string> all, Random r, string label)
        {
            var unfiltered = new SessionReader("ses-1", new KeptEvents());
            var built = new List<ChatEvent>();
            unfiltered.Read(body, true, built);
            var filter = Filters[r.Next(Filters.Length)];
            var skip = r.Next(3) == 0 ? r.Next(0, built.Count + 1) : 0;
            var expected = DescribeAll(built.Where(e => filter.Matches(e) && e.Index >= skip));
            var reader = new SessionReader("ses-1", new StreamedEvents(filter, skip));
            var output = new List<ChatEvent>();
            reader.Read(body, true, output);
            Assert.True(expected.SequenceEqual(DescribeAll(output)), $"{label}: filter #{Array.IndexOf(Filters, filter)} skip {skip}: the filtered read differs\n{string.Join("\n", expected)}\n--\n{string.Join("\n", DescribeAll(output))}");
            Assert.Equal(built.Count, reader.EventsSeen);

            var sizes = new[] { r.Next(1, 40), r.Next(1, 40) };
            var content = new System.Net.Http.StreamContent(new TrickleStream(body, sizes));
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            using var response = new System.Net.Http.HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = content };
            using var ctx = new AttemptContext(1, TimeSpan.FromSeconds(60), System.Threading.CancellationToken.None);
            var lazyReader = ChatApi.WholeSessionReader("ses-1");
            ResponseBody.ReadSessionAsync(response, lazyReader, null, ctx).GetAwaiter().GetResult();
            var lazy = ((LazyEvents?)lazyReader.Session.Lazy);
            if (lazy == null) return;
            var selected = DescribeAll(lazy.Select(filter));
            var expectedAll = DescribeAll(built.Where(e => filter.Matches(e)));
            Assert.True(expectedAll.SequenceEqual(selected), $"{label}: filter #{Array.IndexOf(Filters, filter)}: the lazy session's Select differs\n{string.Join("\n", expectedAll)}\n--\n{string.Join("\n", selected)}");
            Assert.True(all.SequenceEqual(DescribeAll(lazy.Enumerate())), $"{label}: Enumerate differs");
            Assert.True(all.SequenceEqual(DescribeAll(lazy.All)), $"{label}: All differs");
        }

        private static string Nested(int levels) => new string('[', levels) + "1" + new string(']', levels);

        [Theory]
        [InlineData("{'type':'tool_call','call_id':'c','name':'n','type':DEEP}")]
        [InlineData("{'t\\u0079pe':'text','content':'c','type':DEEP}")]
        public void AnEventTooDeepForTheScannerWithASecondTypeThatIsNoStringIsNotFilteredOutByItsFirstType(string template)
        {
            // Too deep for the scanner, so Utf8JsonReader's scan types it; the event is built from its last "type", an
            // array: an unknown event. -Type unknown must find it, whether streamed or from a lazy session.
            var body = Utf8(Q("{'session_id':'s','events':[" + template.Replace("DEEP", Nested(70)) + ",{'type':'stop'}]}"));
            var all = ReadWhole(body).Events;
            Assert.Equal(new[] { "UnknownEvent", "StopEvent" }, all.Select(e => e.GetType().Name));
            var filter = new EventFilter(new[] { "unknown" }, null);
            Assert.Equal(new[] { 0 }, ReadWhole(body, filter: filter).Events.Select(e => e.Index!.Value));
            Assert.Equal(new[] { 0 }, ReadChunked(body, 7, filter: filter, keepEvents: false).Events.Select(e => e.Index!.Value));
            var lazy = ChatApi.WholeSessionReader("s");
            lazy.Read(AppendOnlyBuffer.CopyOf(body), 0, true);
            Assert.Equal(new[] { 0 }, ((LazyEvents?)lazy.Session.Lazy)!.Select(filter).Select(e => e.Index!.Value));
        }

        [Fact]
        public void WholeSessionsReadInRandomChunksAgreeWithTheReaderAlone()
        {
            // Seeded and repeatable; REVIEW_SEED and REVIEW_COUNT run a longer hunt (45,000 bodies passed at review time).
            var seed = int.TryParse(Environment.GetEnvironmentVariable("REVIEW_SEED"), out var s) ? s : 1201;
            var count = int.TryParse(Environment.GetEnvironmentVariable("REVIEW_COUNT"), out var c) ? c : 1500;
            var r = new Random(seed);
            var refused = 0;
            for (var n = 0; n < count; n++)
            {
                var body = Utf8(Body(r));
                CheckBody(body, r, $"body #{n}: {Encoding.UTF8.GetString(body)}");
                for (var m = 0; m < 4; m++)
                {
                    var mutated = Mutate(r, body);
                    if (Reference(mutated).Events == null) refused++;
                    CheckBody(mutated, r, $"mutation {m} of #{n}: {BitConverter.ToString(mutated)} {Encoding.UTF8.GetString(mutated)}");
                }
            }
            Assert.True(refused > 1000, $"{refused} refused");
        }
    
        [Fact]
        public void LargeSessionsAcrossReceiveBuffersAgreeWithOneWholeRead()
        {
            // Bodies larger than the first receive buffer, with events that straddle buffer ends, a single event larger
            // than a buffer, and two events arrays: the retained and the lazy reads point into several buffers.
            var r = new Random(5);
            for (var n = 0; n < 6; n++)
            {
                var sb = new StringBuilder("{\"session_id\":\"s\",\"events\":[");
                var count = r.Next(2000, 9000);
                for (var i = 0; i < count; i++)
                {
                    if (i > 0) sb.Append(',');
                    if (i == count / 2) sb.Append("{\"type\":\"text\",\"content\":\"").Append('w', r.Next(70000, 300000)).Append("\"}");
                    else sb.Append(ValidEvent(r));
                }
                var extra = r.Next(1, 400);
                sb.Append("],\"events\":[").Append(string.Join(",", Enumerable.Range(0, extra).Select(_ => ValidEvent(r)))).Append("],\"generated_title\":\"t\"}");
                var body = Utf8(sb.ToString());
                var (expected, _, _) = Reference(body);
                Assert.Equal(count + extra, expected?.Count); // the reader alone accepts it, every event of both arrays
                var whole = new SessionReader("ses-1", new KeptEvents());
                var output = new List<ChatEvent>();
                whole.Read(body, true, output);
                Assert.True(expected!.SequenceEqual(DescribeAll(output)), $"body {n}: whole read differs");
                var sizes = new[] { r.Next(1, 70000), r.Next(1, 5000), r.Next(1, 300000) };
                Assert.True(expected.SequenceEqual(DescribeAll(Chunked(body, sizes, keep: true))), $"body {n}: retained read differs");
                Assert.True(expected.SequenceEqual(DescribeAll(Chunked(body, sizes, keep: false))), $"body {n}: streamed read differs");
                Assert.True(expected.SequenceEqual(DescribeAll(Lazy(body, sizes))), $"body {n}: lazy read differs");
            }
        }

        [Theory]
        [InlineData(253, true)]
        [InlineData(254, true)]
        [InlineData(255, false)]
        public void AnEventNestedAsDeepAsTheReaderAllowsIsReadAndOneDeeperIsRefused(int levels, bool accepted)
        {
            // The old read: one Utf8JsonReader over the body, MaxDepth 256, of which the session object and its array take two.
            var body = Utf8("{\"session_id\":\"s\",\"events\":[" + Nested(levels) + ",{\"type\":\"stop\"}]}");
            Assert.Equal(accepted, Reference(body).Events != null);
            var whole = Outcome(() => ReadWhole(body).Events);
            Assert.Equal(accepted, whole.Error == null);
            Assert.Equal(whole.Error, Outcome(() => Chunked(body, new[] { 13 }, keep: false)).Error);
            Assert.Equal(whole.Error, Outcome(() => Lazy(body, new[] { 13 })).Error);
            if (accepted) Assert.Equal(2, Lazy(body, new[] { 13 }).Count());
        }
    
        [Fact]
        public void ABufferWhoseArrayCouldNotBeAllocatedIsFinalizedWithoutAnError()
        {
            // A single event of more than 1 GiB asks for a buffer larger than an array can be: the constructor throws, but
            // the object exists and is finalizable. Its finalizer must not throw (on the finalizer thread that ends the
            // process): the caller gets the OutOfMemoryException, as for any allocation.
            Assert.Throws<OutOfMemoryException>(() => new AppendOnlyBuffer(int.MaxValue));
            var unbuilt = (AppendOnlyBuffer)System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject(typeof(AppendOnlyBuffer));
            GC.SuppressFinalize(unbuilt); // run its finalizer here, where an exception is seen, not on the finalizer thread
            var finalize = typeof(AppendOnlyBuffer).GetMethod("Finalize", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;
            var before = ReusedBuffers.Count;
            finalize.Invoke(unbuilt, null);
            Assert.Equal(before, ReusedBuffers.Count);
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
    
        [Theory]
        [InlineData("{'session_id':'s','events':[]}")]
        [InlineData("{'session_id':'s','events':[ \r\n\t]}")]
        [InlineData("{'session_id':'s','events':[,]}")]
        [InlineData("{'session_id':'s','events':[1,]}")]
        [InlineData("{'session_id':'s','events':[1 2]}")]
        [InlineData("{'session_id':'s','events':[-]}")]
        [InlineData("{'session_id':'s','events':[1e]}")]
        [InlineData("{'session_id':'s','events':[01]}")]
        [InlineData("{'session_id':'s','events':[-0.0e+00,-0,0E0]}")]
        [InlineData("{'session_id':'s','events':[true,false,null,'x',{}]}")]
        [InlineData("{'session_id':'s','events':[truefalse]}")]
        [InlineData("{'session_id':'s','events':[{'type':'text','content':'\\u00e']}")]
        [InlineData("{'session_id':'s','events':[{'type':'text','content':'\u007f\u0080\u00ff'}]}")]
        [InlineData("{'session_id':'s','events':[{'type':'text','content':'a\fb'}]}")]
        [InlineData("{'session_id':'s','events':[\f{'type':'stop'}]}")]
        [InlineData("{'session_id':'s','events':null,'events':[{'type':'stop'}]}")]
        [InlineData("{'session_id':'s','events':[{'type':'stop'}],'events':null}")]
        [InlineData("{'session_id':'s','events':[{'type':'stop'}],'events':[{'type':'text','content':'b'}]}")]
        [InlineData("{'session_id':'s','events':[{'type':'stop'}]")]
        [InlineData("{'session_id':'s','events':[{'type':'stop'},")]
        [InlineData("{'session_id':'s','events':[")]
        [InlineData("{'session_id':'s','events':[{'type':'stop'}]}]")]
        public void EdgeBodiesAgreeWithTheReaderAtEveryChunkSize(string json)
        {
            var body = Utf8(Q(json));
            var r = new Random(json.Length);
            CheckBody(body, r, json);
            var whole = Outcome(() => ReadWhole(body).Events);
            for (var chunk = 1; chunk <= body.Length; chunk++)
            {
                var chunked = Outcome(() => Chunked(body, new[] { chunk }, keep: chunk % 2 == 0));
                if (whole.Error == AfterEnd && chunked.Error == null) continue;
                Assert.Equal(whole.Error, chunked.Error);
                if (whole.Error == null) Assert.Equal(whole.Events, chunked.Events);
            }
        }

        [Fact]
        public void InvalidUtf8InsideStringsIsAcceptedAsTheReaderAcceptsIt()
        {
            var body = Utf8(Q("{'session_id':'s','events':[{'type':'text','content':'aXb'},{'n\u00e9Y':1,'type':'stop'}]}"));
            body[Array.IndexOf(body, (byte)'X')] = 0xFF;
            body[Array.IndexOf(body, (byte)'Y')] = 0xC3;
            var (expected, _, _) = Reference(body);
            Assert.Equal(2, expected?.Count); // the reader alone accepts invalid UTF-8 in strings
            Assert.Equal(expected, DescribeAll(ReadWhole(body).Events));
            Assert.Equal("a\ufffdb", ((TextEvent)ReadWhole(body).Events[0]).Content);
            Assert.Equal(expected, DescribeAll(Lazy(body, new[] { 5 })));
        }
    
        [Fact]
        public void AFileWithABomAndTwoEventsArraysPointsEachTextIntoItsOwnBytes()
        {
            // SessionFiles reads a file from its copy in one buffer, past a BOM (OwnerOffset 3), and one Read reads both
            // arrays (two calls of ReadEvents): every event's text must be its own.
            var r = new Random(3);
            for (var n = 0; n < 200; n++)
            {
                var json = "{\"events\":[" + string.Join(",", Enumerable.Range(0, r.Next(0, 6)).Select(i => "{\"type\":\"text_delta\",\"content\":" + Str(r) + "}"))
                    + "],\"session_id\":\"s\",\"events\":[" + string.Join(",", Enumerable.Range(0, r.Next(1, 6)).Select(i => Ws(r) + ValidEvent(r) + Ws(r))) + "]}";
                var body = Utf8(json);
                var expected = DescribeAll(ReadWhole(body, requestedId: null).Events);
                var file = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(body).ToArray();
                var session = Assert.Single(LlamaCloud.Chat.Archive.SessionFiles.Parse(file));
                Assert.True(expected.SequenceEqual(DescribeAll(session.Events!)), json);
            }
        }
    
        [Fact]
        public void ALazySessionReadFromSeveralThreadsAtOnceHandsOutOneObjectPerEvent()
        {
            // Select, All and Enumerate under the gate: whichever runs first, Select and All give the same objects, and
            // every way gives the same events.
            var body = Utf8("{\"session_id\":\"s\",\"events\":[" + string.Join(",", Enumerable.Range(0, 20000).Select(i => i % 3 == 0
                ? "{\"type\":\"tool_call\",\"call_id\":\"c" + i + "\",\"name\":\"n\",\"arguments\":{}}"
                : "{\"type\":\"text_delta\",\"content\":\"d" + i + "\"}")) + "]}");
            var expected = DescribeAll(ReadWhole(body, requestedId: "s").Events);
            var calls = new EventFilter(new[] { "tool_call" }, null);
            var deltas = new EventFilter(new[] { "text_delta" }, null);
            for (var round = 0; round < 8; round++)
            {
                var reader = ChatApi.WholeSessionReader("s");
                reader.Read(AppendOnlyBuffer.CopyOf(body), 0, true);
                var lazy = ((LazyEvents?)reader.Session.Lazy)!;
                var start = new System.Threading.Barrier(4);
                List<ChatEvent>? selectedCalls = null, selectedDeltas = null, enumerated = null;
                IReadOnlyList<ChatEvent>? all = null;
                var threads = new[]
                {
                    new System.Threading.Thread(() => { start.SignalAndWait(); selectedCalls = lazy.Select(calls); }),
                    new System.Threading.Thread(() => { start.SignalAndWait(); all = lazy.All; }),
                    new System.Threading.Thread(() => { start.SignalAndWait(); enumerated = lazy.Enumerate().ToList(); }),
                    new System.Threading.Thread(() => { start.SignalAndWait(); selectedDeltas = lazy.Select(deltas); }),
                };
                foreach (var t in threads) t.Start();
                foreach (var t in threads) t.Join();
                Assert.Equal(expected, DescribeAll(all!));
                Assert.Equal(expected, DescribeAll(enumerated!));
                Assert.Equal(6667, selectedCalls!.Count);
                Assert.Equal(13333, selectedDeltas!.Count);
                Assert.All(selectedCalls.Concat(selectedDeltas), e => Assert.Same(all![e.Index!.Value], e));
            }
        }
    
        [Theory]
        [InlineData("{'session_id':'s','events':[{'content':fals,'x':'BIG'}]}", "event 0, which starts at byte 28 of the body: ")]
        [InlineData("{'session_id':'s','events':[{'type':'stop'}],'generated_title':nul,'x':'BIG'}", "at byte 66 of the body")]
        [InlineData("{'session_id':tru,'x':'BIG','events':[]}", "at BytePositionInLine: 17")]
        public void AMisspelledLiteralIsNamedWithoutQuotingTheRestOfTheBody(string json, string where)
        {
            // Utf8JsonReader quotes a bad literal together with everything after it in its buffer: the whole rest of a
            // file, or of a 1 MiB receive buffer, session text included. The error keeps the start of it and the position.
            var body = Utf8(Q(json).Replace("BIG", new string('s', 2_000_000)));
            foreach (var chunk in new[] { body.Length, 4096 })
            {
                var ex = Assert.Throws<InvalidSessionJsonException>(() => ReadChunked(body, chunk));
                Assert.True(ex.Message.Length < 300, $"{ex.Message.Length} characters: {ex.Message.Substring(0, Math.Min(300, ex.Message.Length))}");
                Assert.Contains("is an invalid JSON literal", ex.Message);
                Assert.True(ex.Message.Contains(where), ex.Message);
            }
            var whole = Assert.Throws<InvalidSessionJsonException>(() => ReadWhole(body));
            Assert.True(whole.Message.Length < 300, $"{whole.Message.Length} characters");
            Assert.Contains(where, whole.Message);
        }
    }
}
