using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using LlamaCloud.Chat.Serialization;
using LlamaCloud.Chat.Tests.Support;
using static LlamaCloud.Chat.Tests.Support.TestUtil;

namespace LlamaCloud.Chat.Tests.Serialization
{
    /// <summary>
    /// The byte scanner that finds events in a body must agree with Utf8JsonReader: it may say "complete" only where the
    /// reader accepts the same value and ends at the same byte (with the same type code as the reader-based scan), and
    /// it must say "complete" for every valid value it is meant to handle, or reads silently fall back to the slow path.
    /// </summary>
    [Collection(nameof(ReusedBuffersCollection))]
    public class EventExtentScannerTests
    {
        private enum Verdict { Complete, NeedMore, Invalid }

        private static readonly Dictionary<string, EventTypeCode> WireNames = new Dictionary<string, EventTypeCode>(StringComparer.Ordinal)
        {
            ["user_input"] = EventTypeCode.UserInput, ["thinking_delta"] = EventTypeCode.ThinkingDelta, ["thinking"] = EventTypeCode.Thinking,
            ["text_delta"] = EventTypeCode.TextDelta, ["text"] = EventTypeCode.Text, ["tool_call"] = EventTypeCode.ToolCall,
            ["tool_result"] = EventTypeCode.ToolResult, ["stop"] = EventTypeCode.Stop,
        };

        // What Utf8JsonReader alone says of the value at the start of data (not the final block: more may follow): where it
        // ends, and its type when it is an object with exactly one "type" member whose value is a string (a known wire
        // name, or Unknown); Unresolved for anything else. None of the module's code takes part.
        private static (Verdict Verdict, int End, EventTypeCode Code) Reference(byte[] data)
        {
            var reader = new Utf8JsonReader(data, isFinalBlock: false, new JsonReaderState(new JsonReaderOptions { MaxDepth = 254 }));
            try
            {
                if (!reader.Read()) return (Verdict.NeedMore, 0, default);
                if (reader.TokenType == JsonTokenType.StartArray)
                {
                    if (!reader.TrySkip()) return (Verdict.NeedMore, 0, default);
                    return (Verdict.Complete, (int)reader.BytesConsumed, EventTypeCode.Unresolved);
                }
                if (reader.TokenType != JsonTokenType.StartObject) return (Verdict.Complete, (int)reader.BytesConsumed, EventTypeCode.Unresolved);
                var types = 0;
                var code = EventTypeCode.Unresolved;
                while (true)
                {
                    if (!reader.Read()) return (Verdict.NeedMore, 0, default);
                    if (reader.TokenType == JsonTokenType.EndObject) break;
                    var isType = reader.ValueTextEquals("type");
                    if (!reader.Read()) return (Verdict.NeedMore, 0, default);
                    var kind = reader.TokenType;
                    if ((kind == JsonTokenType.StartObject || kind == JsonTokenType.StartArray) && !reader.TrySkip()) return (Verdict.NeedMore, 0, default);
                    if (!isType) continue;
                    types++;
                    code = kind != JsonTokenType.String ? EventTypeCode.Unresolved : TypeOf(ref reader);
                }
                return (Verdict.Complete, (int)reader.BytesConsumed, types == 1 ? code : EventTypeCode.Unresolved);
            }
            catch (JsonException)
            {
                return (Verdict.Invalid, 0, default);
            }
        }

        private static EventTypeCode TypeOf(ref Utf8JsonReader reader)
        {
            try
            {
                return WireNames.TryGetValue(reader.GetString()!, out var known) ? known : EventTypeCode.Unknown;
            }
            catch (InvalidOperationException)
            {
                return EventTypeCode.Unknown; // not valid UTF-8, or a lone surrogate: no wire name is spelled so
            }
        }

        private static (EventExtentScanner.Outcome Outcome, int End, EventTypeCode Code) Fast(byte[] data)
        {
            var outcome = EventExtentScanner.Scan(data, 0, out var end, out var code);
            return (outcome, end, code);
        }

        // The contract, for one input. Returns the scanner's outcome.
        private static EventExtentScanner.Outcome AssertAgrees(byte[] data, string label)
        {
            var reference = Reference(data);
            var fast = Fast(data);
            switch (fast.Outcome)
            {
                case EventExtentScanner.Outcome.Complete:
                    Assert.True(reference.Verdict == Verdict.Complete, $"{label}: the scanner accepted what the reader calls {reference.Verdict}");
                    Assert.True(reference.End == fast.End, $"{label}: the scanner ends at {fast.End}, the reader at {reference.End}");
                    // Unresolved is always a safe answer (the event's type is then decided when it is built); any other
                    // code must be the one the reader-based scan gives.
                    Assert.True(fast.Code == reference.Code || fast.Code == EventTypeCode.Unresolved,
                        $"{label}: the scanner typed it {fast.Code}, the reader-based scan {reference.Code}");
                    break;
                case EventExtentScanner.Outcome.NeedMore:
                    Assert.True(reference.Verdict == Verdict.NeedMore, $"{label}: the scanner wants more data, the reader calls it {reference.Verdict}");
                    break;
            }
            return fast.Outcome;
        }

        private static readonly string[] Values =
        {
            "{}", "[]", "{ }", "[ ]", "\"\"", "0", "-0", "1", "-1", "10", "123456789012345678901234567890", "1.5", "-0.25",
            "1e5", "1E5", "1e+5", "1e-5", "1.5E+10", "0.0", "true", "false", "null",
            "{\"a\":1}", "{\"a\" : 1 , \"b\" :[ 1 ,2 ] }", " {\"a\":1}".Trim(), "{\"a\":{\"b\":{\"c\":[[],{}]}}}",
            "{\"type\":\"text\",\"content\":\"x\"}", "{\"content\":\"x\",\"type\":\"text_delta\"}",
            "{\"type\":\"tool_call\",\"call_id\":\"c\",\"name\":\"n\",\"arguments\":{\"q\":\"v\",\"type\":\"stop\"}}",
            "{\"type\":\"future_kind\"}", "{\"type\":\"\"}", "{\"type\":\"text\",\"type\":\"stop\"}", "{\"type\":null}",
            "{\"type\":1}", "{\"type\":{\"a\":1}}", "{\"t\\u0079pe\":\"text\"}", "{\"type\":\"t\\u0065xt\"}",
            "{\"content\":\"a\\\"b\\\\c\\/d\\be\\ff\\ng\\rh\\ti\\u00e9\\uD83D\\uDE00\\uABCD\\uabcd\",\"type\":\"text\"}",
            "{\"content\":\"\\ud800\",\"type\":\"text\"}", // a lone surrogate escape: the reader accepts it
            "{\"content\":\"caf\u00e9 \u65e5\u672c \ud83d\ude00\",\"type\":\"text\"}",
            "{\"content\":\"" + new string('x', 200) + "\",\"type\":\"text\"}",
            "{\"content\":\"\u007f\",\"type\":\"text\"}",
            "{\r\n\t\"content\" :\t\"x\" ,\n \"type\" : \"text\"\r\n}",
            "[1,[2,{\"a\":3}]]", "[\"a\",true,false,null,0,{}]",
            // Malformed: the reader refuses every one.
            "{\"a\":1,}", "[1,]", "{,}", "[,1]", "{\"a\"}", "{\"a\" 1}", "{\"a\":}", "{a:1}", "{'a':1}", "{\"a\":1 \"b\":2}",
            "[1 2]", "{\"a\":[1,2}", "{\"a\":1]", "01", "-01", "1.", ".5", "-", "--1", "+1", "1e", "1e+", "1.e5", "0x10",
            "NaN", "Infinity", "tru", "truex", "nul", "nulll", "fals", "True", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12G4\"}",
            "{\"a\":\"\\u12\"}", "{\"a\":\"tab\tin\"}", "{\"a\":\"nl\nin\"}", "{\"a\":\"\u0000\"}", "{\"a\":\"\u001f\"}",
            "{\"a\":1}/", "{\"a\":1/*c*/}", "{\"a\":\f1}", "{\"a\":\u00a01}", "}", "]", ",", ":", "\"unterminated",
        };

        private static readonly string[] Suffixes = { "", ",", "]", " ,", "\n]", "x" };

        [Fact]
        public void EveryValueAgreesWithTheReaderWhateverFollowsIt()
        {
            var complete = 0;
            foreach (var v in Values)
            foreach (var suffix in Suffixes)
            {
                var outcome = AssertAgrees(Utf8(v + suffix), $"'{v}' + '{suffix}'");
                if (outcome == EventExtentScanner.Outcome.Complete) complete++;
            }
            Assert.True(complete > 150, $"only {complete} inputs scanned complete");
        }

        [Fact]
        public void EveryValidValueIsDecidedByTheScannerItself()
        {
            // Valid values followed by a separator must not fall back to the reader: that is the slow path.
            var valid = 0;
            foreach (var v in Values)
            {
                var data = Utf8(v + ",");
                if (Reference(data).Verdict != Verdict.Complete) continue;
                valid++;
                Assert.True(EventExtentScanner.Outcome.Complete == Fast(data).Outcome, $"'{v}' was left to the reader");
            }
            Assert.Equal(48, valid); // the valid values of the table above, by the reference reader
        }

        [Theory]
        [InlineData("{'content':' grew a','type':'thinking_delta'}", "ThinkingDelta")]
        [InlineData("{'content':'x','type':'text_delta'}", "TextDelta")]
        [InlineData("{'type':'user_input','content':'q'}", "UserInput")]
        [InlineData("{'call_id':'c','name':'n','arguments':{'type':'stop','q':[1]},'type':'tool_call'}", "ToolCall")]
        [InlineData("{'call_id':'c','name':'n','result':'r','type':'tool_result'}", "ToolResult")]
        [InlineData("{'error':null,'is_error':false,'usage':{'turns':1},'type':'stop'}", "Stop")]
        [InlineData("{'content':'t','type':'thinking'}", "Thinking")]
        [InlineData("{'content':'t','type':'text'}", "Text")]
        [InlineData("{'content':'t','type':'citation'}", "Unknown")]
        [InlineData("{ 'content' : 't' , 'type' : 'text' }", "Text")]
        public void TheApisOwnEventsAreTypedByTheScan(string json, string expected)
        {
            var (outcome, _, code) = Fast(Utf8(Q(json) + ","));
            Assert.Equal(EventExtentScanner.Outcome.Complete, outcome);
            Assert.Equal(expected, code.ToString());
        }

        [Fact]
        public void EveryPrefixOfAnEventWantsMore()
        {
            var json = Utf8("{\"content\":\"caf\u00e9 \\u00e9 \\\" " + new string('y', 40) + "\",\"n\":-12.5e+3,\"t\":true,\"f\":false,\"z\":null,\"a\":[1,{\"b\":[]}],\"type\":\"text\"}");
            Assert.Equal(EventExtentScanner.Outcome.Complete, Fast(json).Outcome);
            for (var cut = 1; cut < json.Length; cut++)
            {
                var prefix = json.Take(cut).ToArray();
                Assert.True(EventExtentScanner.Outcome.NeedMore == Fast(prefix).Outcome, $"prefix of {cut} bytes");
                Assert.Equal(Verdict.NeedMore, Reference(prefix).Verdict);
            }
        }

        [Fact]
        public void AStopByteIsFoundInEveryLaneOfTheEightByteSkip()
        {
            // Plain content is skipped eight bytes at a time: a quote, backslash or control byte at each offset of a
            // long string must still be seen (and a byte at or above 0x80 must not be taken for one).
            foreach (var stop in new[] { "\"", "\\n", "\u0001", "\u001f" })
            foreach (var filler in new[] { 'a', '\u00e9', '\u007f' })
            for (var at = 0; at < 24; at++)
            {
                var content = new string(filler, at) + stop + new string(filler, 30);
                var data = Utf8("{\"content\":\"" + content + "\",\"type\":\"text\"},");
                AssertAgrees(data, $"stop {(int)stop[0]:X2} after {at} of U+{(int)filler:X4}");
            }
        }

        [Fact]
        public void NestingDeeperThanTheScannerGoesIsLeftToTheReader()
        {
            var at = EventExtentScanner.MaxNesting;
            var deepest = Utf8(new string('[', at) + new string(']', at) + ",");
            Assert.Equal(EventExtentScanner.Outcome.Complete, AssertAgrees(deepest, "at the limit"));
            var deeper = Utf8(new string('[', at + 1) + new string(']', at + 1) + ",");
            Assert.Equal(EventExtentScanner.Outcome.Unsure, AssertAgrees(deeper, "past the limit"));
        }

        [Fact]
        public void RandomDocumentsAndTheirMutationsAgreeWithTheReader()
        {
            // A seeded generator of event-like JSON, then single-byte mutations of it (insert, delete, replace with a
            // byte that matters to the grammar): tens of thousands of inputs the reader and the scanner must agree on.
            var random = new Random(20261201);
            var alphabet = Utf8("{}[]\",:\\ \t\n-+.0123456789eEtrufalsn\u0001xyz\u00e9");
            var outcomes = new Dictionary<EventExtentScanner.Outcome, int>();
            for (var n = 0; n < 4000; n++)
            {
                var doc = Utf8(RandomValue(random, 0));
                Assert.Equal(EventExtentScanner.Outcome.Complete, AssertAgrees(Concat(doc, Utf8(",")), $"generated #{n}: {Encoding.UTF8.GetString(doc)}"));
                for (var m = 0; m < 8; m++)
                {
                    var mutated = Mutate(random, doc, alphabet);
                    if (mutated.Length == 0) continue;
                    var o = AssertAgrees(Concat(mutated, Utf8(random.Next(2) == 0 ? "," : "")), $"mutation {m} of #{n}: {Encoding.UTF8.GetString(mutated)}");
                    outcomes[o] = outcomes.TryGetValue(o, out var c) ? c + 1 : 1;
                }
            }
            // The mutations must exercise all three answers, or the test proves little.
            Assert.True(outcomes.Count == 3 && outcomes.Values.All(c => c > 200), string.Join(", ", outcomes.Select(kv => $"{kv.Key} {kv.Value}")));
        }

        private static byte[] Concat(byte[] a, byte[] b)
        {
            var r = new byte[a.Length + b.Length];
            a.CopyTo(r, 0);
            b.CopyTo(r, a.Length);
            return r;
        }

        private static byte[] Mutate(Random random, byte[] doc, byte[] alphabet)
        {
            var list = doc.ToList();
            var at = random.Next(list.Count + 1);
            switch (random.Next(3))
            {
                case 0: list.Insert(at, alphabet[random.Next(alphabet.Length)]); break;
                case 1: if (at < list.Count) list.RemoveAt(at); break;
                default: if (at < list.Count) list[at] = alphabet[random.Next(alphabet.Length)]; break;
            }
            return list.ToArray();
        }

        private static readonly string[] Words = { "type", "content", "call_id", "name", "arguments", "text", "tool_call", "stop", "x" };

        private static string RandomValue(Random r, int depth)
        {
            var pick = r.Next(depth == 0 ? 2 : 8);
            switch (pick)
            {
                case 0:
                case 1:
                {
                    if (pick == 1 && depth > 0) goto case 2;
                    var members = Enumerable.Range(0, r.Next(depth == 0 ? 1 : 0, 5)).Select(_ =>
                    {
                        var name = Words[r.Next(Words.Length)];
                        var value = name == "type" && r.Next(3) > 0 ? "\"" + Words[r.Next(Words.Length)] + "\"" : RandomValue(r, depth + 1);
                        return Ws(r) + "\"" + name + "\"" + Ws(r) + ":" + Ws(r) + value + Ws(r);
                    });
                    return "{" + string.Join(",", members) + "}";
                }
                case 2:
                    return depth > 6 ? "[]" : "[" + string.Join(",", Enumerable.Range(0, r.Next(0, 4)).Select(_ => Ws(r) + RandomValue(r, depth + 1) + Ws(r))) + "]";
                case 3:
                {
                    var chars = Enumerable.Range(0, r.Next(0, 30)).Select(_ =>
                    {
                        switch (r.Next(12))
                        {
                            case 0: return "\\\"";
                            case 1: return "\\n";
                            case 2: return "\\u00" + r.Next(16).ToString("x") + r.Next(16).ToString("X");
                            case 3: return "\u00e9";
                            default: return ((char)r.Next('a', 'z' + 1)).ToString();
                        }
                    });
                    return "\"" + string.Concat(chars) + "\"";
                }
                case 4: return (r.Next(2) == 0 ? "-" : "") + r.Next(0, 100000) + (r.Next(3) == 0 ? "." + r.Next(0, 999) : "") + (r.Next(4) == 0 ? "e" + (r.Next(2) == 0 ? "-" : "+") + r.Next(1, 30) : "");
                case 5: return "true";
                case 6: return "false";
                default: return "null";
            }
        }

        private static string Ws(Random r) => r.Next(5) switch { 0 => " ", 1 => "\n\t", _ => "" };

        [Theory]
        [InlineData("{'session_id':'s','events':[{'content':'a','type':'text'} x]}", "'x' follows event 0, where ',' or ']' was expected, at byte 58 of the body")]
        [InlineData("{'session_id':'s','events':[{'content':'a','type':'text'},{'content':tru,'type':'text'}]}", "event 1, which starts at byte 58 of the body: ")]
        [InlineData("{'events':[{'content':'a','type':'text'}],'session_id':'s' 'generated_title':'t'}", "'\"' is invalid after a value. Expected either ',', '}', or ']', at byte 59 of the body")]
        public void AnErrorSaysWhereInTheBodyItIs(string json, string expected)
        {
            var ex = Assert.Throws<InvalidSessionJsonException>(() => ReadWhole(Q(json)));
            Assert.True(ex.Message.Contains(expected), ex.Message);
            Assert.StartsWith("The response is not valid JSON (", ex.Message);
        }

        [Fact]
        public void ABodyCutOffInsideTheEventsIsTruncatedNotMalformed()
        {
            var doc = Q("{'session_id':'s','events':[{'content':'a','type':'text'},{'content':'b','typ");
            var ex = Assert.Throws<InvalidSessionJsonException>(() => ReadWhole(doc));
            Assert.Contains("truncated", ex.Message);
        }

        [Fact]
        public void AReadBuildsEventsFromLocatedMembersAsTheReaderWould()
        {
            // ReadScanned (members located by the scanner) against TryRead (members read by Utf8JsonReader), for every
            // event of the shared all-types document and the tricky shapes only the reader can place.
            var events = new[]
            {
                "{'content':'plain','type':'text'}", "{'type':'text_delta','content':'esc\\u00e9\\n'}",
                "{'call_id':'c1','name':'search','arguments':{'q':'x','n':[1,2]},'type':'tool_call'}",
                "{'call_id':'c1','name':'search','result':'r','image_attachment':{'attachment_name':'a.png','source_id':'s'},'type':'tool_result'}",
                "{'error':null,'is_error':false,'usage':{'duration_ms':1.5,'total_input_tokens':3,'total_output_tokens':4,'turns':1},'type':'stop'}",
                "{'call_id':'c2','name':'n','arguments':{}}", "{'content':'no type'}", "{'type':'future','content':{'a':1}}",
                "{'t\\u0079pe':'text','content':'escaped name'}", "{ 'content' : 'spaced' , 'type' : 'thinking' }", "{}",
                "{'content':5,'type':'text'}", "{'content':'dup','type':'text','type':'stop'}",
            }.Select(Q);
            foreach (var json in events)
            {
                var bytes = Utf8(json);
                var reader = new Utf8JsonReader(bytes);
                reader.Read();
                Assert.True(EventReader.TryRead(ref reader, bytes, null, null, 0, out var viaReader));
                var scanned = EventReader.ReadScanned(bytes, null, null, 0);
                viaReader!.Index = scanned!.Index = 0;
                Assert.True(Describe(viaReader) == Describe(scanned), json);
            }
        }

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public void AHugeEventArrivingInSmallReadsIsScannedAFewTimesNotOncePerRead(bool keepEvents)
        {
            // 4 MiB of tool result in 4 KiB network reads: about 1,000 reads. Scanning the cut-off event again on every
            // read made the cost grow with the square of its size; now it is scanned again only when its data doubled.
            var result = new string('r', 4 << 20);
            var doc = Utf8("{\"session_id\":\"s\",\"events\":[{\"content\":\"q\",\"type\":\"user_input\"},{\"call_id\":\"c\",\"name\":\"n\",\"result\":\""
                + result + "\",\"type\":\"tool_result\"},{\"type\":\"stop\",\"is_error\":false}]}");
            var (reader, events) = ReadChunked(doc, 4096, keepEvents: keepEvents);
            var all = keepEvents ? reader.Session.Events!.ToList() : events;
            Assert.Equal(3, all.Count);
            Assert.Equal(result.Length + 2, ((ToolResultEvent)all[1]).ResultJson!.Length);
            Assert.True(reader.EventScans < 40, $"{reader.EventScans} scans for 3 events in {doc.Length / 4096} reads");
        }

        [Fact]
        public void AReusedReceiveBufferIsNeverOneAnEventStillPointsInto()
        {
            // Receive buffers go back to the store when their owner is collected. An event whose text points into a
            // buffer keeps that buffer: fetching more sessions into reused buffers must not change its text.
            var body = Utf8("{\"session_id\":\"s\",\"events\":[" + string.Join(",", Enumerable.Range(0, 60000).Select(i =>
                "{\"content\":\"delta " + i + " " + new string((char)('a' + i % 26), 20) + "\",\"type\":\"text_delta\"}")) + "]}");
            Assert.True(body.Length > 2 * AppendOnlyBuffer.ReusedSize);
            var other = Utf8(Encoding.UTF8.GetString(body).Replace("delta ", "other "));
            var kept = KeepOneEvent(body, 59000);
            var reused = 0;
            for (var round = 0; round < 4; round++)
            {
                Collect();
                var before = ReusedBuffers.Count;
                ReadAndCheck(other);
                if (before > ReusedBuffers.Count) reused++;
                Assert.Equal("delta 59000 " + new string((char)('a' + 59000 % 26), 20), kept.Content);
            }
            Assert.True(reused >= 3, $"buffers were reused in {reused} of 4 reads");
            GC.KeepAlive(kept);
        }

        private static void Collect()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        private static void ReadAndCheck(byte[] body)
        {
            var session = ReadWithRetainedBuffers(body);
            Assert.Equal(60000, session.EventCount);
            Assert.StartsWith("other 1234 ", ((TextDeltaEvent)session.Events![1234]).Content);
            Assert.StartsWith("other 59999 ", ((TextDeltaEvent)session.Events![59999]).Content);
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        private static TextDeltaEvent KeepOneEvent(byte[] body, int index)
        {
            var session = ReadWithRetainedBuffers(body);
            return (TextDeltaEvent)session.Events![index];
        }

        private static ChatSession ReadWithRetainedBuffers(byte[] body) => FetchWhole(body, "s", 256 * 1024);
    }
}
