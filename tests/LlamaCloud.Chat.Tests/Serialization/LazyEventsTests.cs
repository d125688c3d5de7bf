using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using LlamaCloud.Chat.Api;
using LlamaCloud.Chat.Http;
using LlamaCloud.Chat.Serialization;
using LlamaCloud.Chat.Tests.Support;
using static LlamaCloud.Chat.Tests.Support.TestUtil;

namespace LlamaCloud.Chat.Tests.Serialization
{
    /// <summary>
    /// Whole sessions as Get-LlamaChatSession fetches them (ChatApi.WholeSessionReader through ResponseBody): the body
    /// is kept and events are built on demand. They must read exactly like sessions whose events were built at once.
    /// </summary>
    public class LazyEventsTests
    {
        // AllTypesDocument plus what the scan cannot decide alone: escaped names and types, duplicates, null types.
        private static readonly string Tricky = AllTypesDocument.Replace("[1,[2,{\"a\":3}]]", string.Join(",", new[]
        {
            "[1,[2,{\"a\":3}]]",
            Q("{'content':'esc name','t\\u0079pe':'text'}"),
            Q("{'content':'esc type','type':'t\\u0065xt'}"),
            Q("{'content':'dup','type':'text','type':'tool_call'}"),
            Q("{'call_id':'c9','name':'nul','arguments':{'x':1},'type':null}"),
            Q("{'content':'typed twice','type':'future_type'}"),
            Q("{'type':{'nested':'object'},'content':'x'}"),
            Q("{'call_id':'c10','name':'search_web','arguments':{'q':'w'},'type':'tool_call','extra':[1,{'type':'stop'}]}"),
        }));

        private sealed class TrickleStream : MemoryStream
        {
            private readonly int[] _sizes;
            private int _turn;

            internal TrickleStream(byte[] data, int[] sizes) : base(data, writable: false)
            {
                _sizes = sizes;
            }

            public override int Read(byte[] buffer, int offset, int count) =>
                base.Read(buffer, offset, Math.Min(count, _sizes[_turn++ % _sizes.Length]));

            public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
                => Task.FromResult(Read(buffer, offset, count));
        }

        private static async Task<ChatSession> FetchAsync(byte[] body, params int[] sizes)
        {
            var content = new StreamContent(new TrickleStream(body, sizes.Length == 0 ? new[] { 1, 7, 300, 2, 65536, 13 } : sizes));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = content };
            using var ctx = new AttemptContext(1, TimeSpan.FromSeconds(30), CancellationToken.None);
            var reader = ChatApi.WholeSessionReader("ses-1");
            await ResponseBody.ReadSessionAsync(response, reader, null, ctx);
            return reader.Session;
        }

        [Fact]
        public async Task EventsAndCountMatchAnEagerRead()
        {
            var doc = Utf8(Tricky);
            var eager = ReadWhole(doc).Session;
            var lazy = await FetchAsync(doc);
            Assert.NotNull(((LazyEvents?)lazy.Lazy));
            Assert.Equal(eager.EventCount, lazy.EventCount);
            Assert.False(((LazyEvents?)lazy.Lazy)!.IsMaterialized); // EventCount builds nothing
            Assert.Equal(DescribeAll(eager.Events!), DescribeAll(lazy.Events!));
            Assert.True(((LazyEvents?)lazy.Lazy).IsMaterialized);
            var oracle = JsonOracle.Read(doc, "ses-1").Events!; // Utf8JsonReader alone
            Assert.Equal(oracle.Count, lazy.EventCount);
            Assert.Equal(oracle, JsonOracle.ObserveAll(lazy.Events!));
            Assert.Same(lazy.Events, lazy.Events);
            Assert.Equal("24 events", lazy.Events!.ToString());
        }

        [Fact]
        public async Task EnumeratingBuildsEachEventWithoutKeepingThemAndReusesBuiltOnes()
        {
            var doc = Utf8(Tricky);
            var eager = ReadWhole(doc).Session;
            var lazy = await FetchAsync(doc);
            Assert.Equal(DescribeAll(eager.Events!), DescribeAll(lazy.EnumerateEvents()!));
            Assert.Equal(JsonOracle.Read(doc, "ses-1").Events!, JsonOracle.ObserveAll(lazy.EnumerateEvents()!)); // Utf8JsonReader alone
            Assert.False(((LazyEvents?)lazy.Lazy)!.IsMaterialized); // nothing kept: the turn builder's pass leaves the session as it was
            var tools = ((LazyEvents?)lazy.Lazy).Select(new EventFilter(new[] { "tool_call" }, null));
            Assert.NotEmpty(tools);
            var enumerated = lazy.EnumerateEvents()!.ToList();
            foreach (var e in tools) Assert.Same(e, enumerated[e.Index!.Value]); // events a filter built are handed out again
            Assert.False(((LazyEvents?)lazy.Lazy).IsMaterialized);
            var all = lazy.Events!;
            Assert.Equal(all, lazy.EnumerateEvents()!); // once materialized, the same objects
            Assert.Equal(DescribeAll(eager.Events!), DescribeAll(all));
        }

        public static IEnumerable<object?[]> Filters() => new[]
        {
            new object?[] { new[] { "tool_call" }, null },
            new object?[] { new[] { "text" }, null },
            new object?[] { new[] { "unknown" }, null },
            new object?[] { new[] { "stop", "user_input", "thinking_delta" }, null },
            new object?[] { new[] { "tool_result", "tool_call" }, new[] { "search*" } },
            new object?[] { null, new[] { "nul", "fetch" } },
            new object?[] { new[] { "text_delta", "thinking", "tool_result" }, null },
        };

        [Theory]
        [MemberData(nameof(Filters))]
        public async Task FilteringABodyGivesWhatFilteringBuiltEventsAndTheStreamGive(string[]? types, string[]? names)
        {
            var doc = Utf8(Tricky);
            var filter = new EventFilter(types, names);
            var built = DescribeAll(ReadWhole(doc).Events.Where(filter.Matches));
            var streamed = DescribeAll(ReadWhole(doc, filter: filter).Events);
            var lazy = await FetchAsync(doc);
            var selected = ((LazyEvents?)lazy.Lazy)!.Select(filter);
            Assert.NotEmpty(built);
            Assert.Equal(built, DescribeAll(selected));
            // Each selected event as Utf8JsonReader alone says its element reads.
            var oracle = JsonOracle.Read(doc, "ses-1").Events!;
            Assert.Equal(selected.Select(e => oracle[e.Index!.Value]), JsonOracle.ObserveAll(selected));
            Assert.Equal(streamed, DescribeAll(selected));
            Assert.False(((LazyEvents?)lazy.Lazy).IsMaterialized);
            // The same objects later in Events, and the filter still right once everything is built.
            foreach (var e in selected) Assert.Same(e, lazy.Events![e.Index!.Value]);
            Assert.Equal(built, DescribeAll(((LazyEvents?)lazy.Lazy).Select(filter)));
        }

        [Theory]
        [InlineData("{'session_id':'s','events':[{'content':'a','type':'text',}]}")]
        [InlineData("{'session_id':'s','events':[{'content':'a' 'type':'text'}]}")]
        [InlineData("{'session_id':'s','events':[{'call_id':'c','arguments':{'a':[1,2},'type':'tool_call'}]}")]
        [InlineData("{'session_id':'s','events':[{'content':'a','type':'text'}{'content':'b','type':'text'}]}")]
        [InlineData("{'session_id':'s','events':[{'content':'a','type':'text'},{'content':'b','typ")]
        [InlineData("{'session_id':'s','events':[{'content':nope,'type':'text'}]}")]
        public async Task ABodyThatIsNotASessionIsRefusedWhileItArrives(string json)
        {
            await Assert.ThrowsAsync<InvalidSessionJsonException>(() => FetchAsync(Utf8(Q(json))));
        }

        [Fact]
        public async Task NestingBeyondTheLimitIsRefusedAsWhenBuilt()
        {
            var deep = new string('[', 300) + new string(']', 300);
            var doc = Utf8(Q("{'session_id':'s','events':[{'call_id':'c','name':'n','arguments':" + deep + ",'type':'tool_call'}]}"));
            Assert.Throws<InvalidSessionJsonException>(() => ReadWhole(doc));
            await Assert.ThrowsAsync<InvalidSessionJsonException>(() => FetchAsync(doc));
        }

        [Fact]
        public async Task ABodyOverManyBuffersKeepsEveryEventIntact()
        {
            var sb = new StringBuilder("{\"session_id\":\"ses-big\",\"events\":[");
            for (var i = 0; i < 80000; i++)
            {
                if (i > 0) sb.Append(',');
                if (i % 97 == 0) sb.Append("{\"call_id\":\"c").Append(i).Append("\",\"name\":\"search\",\"arguments\":{\"q\":\"é ").Append(i).Append("\"},\"type\":\"tool_call\"}");
                else sb.Append("{\"content\":\"δ ").Append(i).Append(" 🎉\",\"type\":\"text_delta\"}");
            }
            sb.Append("],\"last_updated_at\":\"2026-04-22T12:34:41\"}");
            var doc = Utf8(sb.ToString());
            Assert.True(doc.Length > 2 * 1024 * 1024); // several 1 MiB buffers
            var eager = ReadWhole(doc).Session;
            var lazy = await FetchAsync(doc, 8191, 65536, 3, 200000);
            var filter = new EventFilter(new[] { "tool_call" }, null);
            Assert.Equal(DescribeAll(eager.Events!.Where(filter.Matches)), DescribeAll(((LazyEvents?)lazy.Lazy)!.Select(filter)));
            Assert.Equal(DescribeAll(eager.Events!), DescribeAll(lazy.Events!));
            Assert.Equal(80000, lazy.EventCount);
            Assert.Equal(JsonOracle.Read(doc, "ses-1").Events!, JsonOracle.ObserveAll(lazy.Events!)); // Utf8JsonReader alone
        }

        [Fact]
        public async Task NoEventsAndNullEventsStayDistinct()
        {
            var empty = await FetchAsync(Utf8(Q("{'session_id':'s','events':[]}")));
            Assert.Equal(0, empty.EventCount);
            Assert.Empty(empty.Events!);
            var missing = await FetchAsync(Utf8(Q("{'session_id':'s','events':null}")));
            Assert.Null(missing.EventCount);
            Assert.Null(missing.Events);
        }

        [Fact]
        public void AnAppendOnlyBufferRefusesToChangeWhatItHolds()
        {
            var b = new AppendOnlyBuffer(4);
            b.Append(new byte[] { 1, 2, 3 });
            Assert.Throws<InvalidOperationException>(() => b.Append(new byte[] { 4, 5 }));
            Assert.Throws<ArgumentOutOfRangeException>(() => b.Slice(2, 2).ToArray());
            b.Append(new byte[] { 4 });
            Assert.Equal(new byte[] { 1, 2, 3, 4 }, b.Slice(0, 4).ToArray());
            Assert.Equal(0, b.Free);
        }

        private static (ChatSession Session, LazyEvents History) Fetch(int events)
        {
            var body = "{\"session_id\":\"ses-r\",\"events\":[" + string.Join(",", Enumerable.Range(0, events).Select(i => "{\"content\":\"d" + i + "\",\"type\":\"text_delta\"}")) + "]}";
            var session = TestUtil.FetchWhole(Encoding.UTF8.GetBytes(body), "ses-r", 4096);
            return (session, (LazyEvents)session.Lazy!);
        }

        [Theory]
        [InlineData(0, 10)]
        [InlineData(1, 10)]
        [InlineData(10, 10)]
        [InlineData(2501, 1024)]
        public void BatchesHoldEveryEventInOrderAndBuildNothingToKeep(int events, int size)
        {
            var (_, history) = Fetch(events);
            var batches = history.Batches(size).ToList();
            Assert.Equal((events + size - 1) / size, batches.Count);
            Assert.All(batches, b => Assert.InRange(b.Count, 1, size));
            var all = batches.SelectMany(b => b).ToList();
            Assert.Equal(Enumerable.Range(0, events), all.Select(e => e.Index!.Value));
            Assert.Equal(Enumerable.Range(0, events).Select(i => "d" + i), all.Select(e => ((ContentEvent)e).Content));
            Assert.False(history.IsMaterialized);
        }

        [Fact]
        public void ALazySessionReadFromSeveralThreadsAtOnceHandsOutOneObjectPerEvent()
        {
            // Select, All and Enumerate under the gate: whichever runs first, Select and All give the same objects, and
            // every way gives the same events.
            var body = Utf8("{\"session_id\":\"s\",\"events\":[" + string.Join(",", Enumerable.Range(0, 20000).Select(i => i % 3 == 0
                ? "{\"type\":\"tool_call\",\"call_id\":\"c" + i + "\",\"name\":\"n\",\"arguments\":{}}"
                : "{\"type\":\"text_delta\",\"content\":\"d" + i + "\"}")) + "]}");
            var expected = JsonOracle.Read(body, "s").Events!;
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
                Assert.Equal(expected, JsonOracle.ObserveAll(all!));
                Assert.Equal(expected, JsonOracle.ObserveAll(enumerated!));
                Assert.Equal(6667, selectedCalls!.Count);
                Assert.Equal(13333, selectedDeltas!.Count);
                Assert.All(selectedCalls.Concat(selectedDeltas), e => Assert.Same(all![e.Index!.Value], e));
            }
        }
    }
}
