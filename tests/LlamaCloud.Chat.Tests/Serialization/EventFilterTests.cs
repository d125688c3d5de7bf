using System;
using System.Collections.Generic;
using System.Linq;
using LlamaCloud.Chat.Analytics;
using LlamaCloud.Chat.Serialization;
using LlamaCloud.Chat.Tests.Support;
using static LlamaCloud.Chat.Tests.Support.SessionBodies;
using static LlamaCloud.Chat.Tests.Support.TestUtil;

namespace LlamaCloud.Chat.Tests.Serialization
{
    public class EventFilterTests
    {
        // Indexes in AllTypesDocument: 0 user_input, 1-2 thinking_delta, 3 thinking, 4 tool_call search_index,
        // 5 tool_result search_index, 6-7 text_delta, 8 text, 9 stop, 10 citation (unknown), 11 untyped tool_call fetch,
        // 12 untyped content (unknown), 13-16 non-objects (unknown).
        private static List<ChatEvent> Filtered(IEnumerable<string>? types, IEnumerable<string>? names, int skipBelow = 0)
            => ReadWhole(Utf8(AllTypesDocument), "ses-all", new EventFilter(types, names), skipBelow).Events;

        private static int[] Indexes(IEnumerable<ChatEvent> events) => events.Select(e => e.Index!.Value).ToArray();

        [Fact]
        public void TypeFilterKeepsIndexesOfTheFullList()
        {
            var events = Filtered(new[] { "text_delta", "stop" }, null);
            Assert.Equal(new[] { 6, 7, 9 }, Indexes(events));
            Assert.IsType<TextDeltaEvent>(events[0]);
            Assert.IsType<StopEvent>(events[2]);
        }

        [Fact]
        public void TypeNamesAreCaseInsensitiveAndTrimmed()
        {
            Assert.Equal(new[] { 4, 11 }, Indexes(Filtered(new[] { " TOOL_CALL " }, null)));
        }

        [Fact]
        public void UnknownSelectsUnknownEvents()
        {
            var events = Filtered(new[] { "unknown" }, null);
            Assert.Equal(new[] { 10, 12, 13, 14, 15, 16 }, Indexes(events));
            Assert.All(events, e => Assert.IsType<UnknownEvent>(e));
        }

        [Fact]
        public void InferredTypesMatchTheirTypeFilter()
        {
            var events = Filtered(new[] { "tool_call" }, null);
            Assert.Equal("fetch", ((ToolCallEvent)events[1]).Name);
        }

        [Fact]
        public void NameFilterWithWildcardsSelectsOnlyToolEvents()
        {
            Assert.Equal(new[] { 4, 5 }, Indexes(Filtered(null, new[] { "search*" })));
            Assert.Equal(new[] { 4, 5, 11 }, Indexes(Filtered(null, new[] { "SEARCH_INDEX", "f?tch" })));
            Assert.Equal(new[] { 4, 5, 11 }, Indexes(Filtered(null, new[] { "*" })));
            Assert.Empty(Filtered(null, new[] { "nothing" }));
        }

        [Fact]
        public void TypeAndNameFiltersCombine()
        {
            Assert.Equal(new[] { 5 }, Indexes(Filtered(new[] { "tool_result" }, new[] { "search*" })));
            Assert.Empty(Filtered(new[] { "text", "unknown" }, new[] { "*" }));
        }

        [Fact]
        public void EmptyFiltersLetEverythingThrough()
        {
            var f = new EventFilter(Array.Empty<string>(), Array.Empty<string>());
            Assert.True(f.IsEmpty);
            Assert.True(new EventFilter(null, null).IsEmpty);
            Assert.True(new EventFilter(null, new string[] { null! }).IsEmpty);
            Assert.Equal(17, Filtered(Array.Empty<string>(), null).Count);
        }

        [Fact]
        public void ANameThatIsNoKnownTypeSelectsUnknownEventsOfThatWireType()
        {
            var f = new EventFilter(new[] { "text", "Citation" }, null);
            Assert.Equal(new[] { "Citation" }, f.UnknownTypeNames);
            Assert.True(f.MatchesEvent(null, "citation"));
            Assert.False(f.MatchesEvent(null, "footnote"));
            Assert.True(f.MatchesEvent(ChatEventType.Text, null));
            Assert.False(f.MatchesEvent(ChatEventType.Stop, null));
            var doc = Utf8(Q("{'session_id':'s','events':[{'content':'a','type':'text'},{'source_id':'x','type':'citation'},{'n':1,'type':'footnote'},{'content':'b','type':'text_delta'}]}"));
            var events = ReadWhole(doc, "s", new EventFilter(new[] { "citation" }, null)).Events;
            var only = Assert.Single(events);
            Assert.Equal("citation", Assert.IsType<UnknownEvent>(only).Type);
        }

        [Fact]
        public void FilteredEventsAreStampedAndHandedOut()
        {
            var reader = new SessionReader("ses-f", new StreamedEvents(new EventFilter(new[] { "text" }, null)));
            var output = new List<ChatEvent>();
            reader.Read(Utf8(AllTypesDocument), true, output);
            Assert.Equal(17, reader.EventsSeen);
            var e = Assert.Single(output);
            Assert.Equal(8, e.Index);
            Assert.Equal("ses-f", e.SessionId);
            Assert.Empty(reader.Session.Events!); // a streamed read hands its events out and keeps none
        }

        [Fact]
        public void FilterGivesTheSameResultInEveryChunkSize()
        {
            var doc = Utf8(AllTypesDocument);
            var filter = new EventFilter(new[] { "tool_result", "unknown", "user_input" }, null);
            var whole = ReadWhole(doc, "s", filter).Events;
            var expected = DescribeAll(whole);
            // user_input 0, tool_result 5, the unknown events 10 and 12-16 (the comment above); each as Utf8JsonReader reads it.
            Assert.Equal(new[] { 0, 5, 10, 12, 13, 14, 15, 16 }, Indexes(whole));
            var oracle = JsonOracle.Read(doc, "s").Events!;
            Assert.Equal(whole.Select(e => oracle[e.Index!.Value]), JsonOracle.ObserveAll(whole));
            foreach (var chunk in new[] { 1, 2, 5, 64, 333 })
                Assert.Equal(expected, DescribeAll(ReadChunked(doc, chunk, "s", filter).Events));
        }

        [Fact]
        public void SkipBelowHidesEarlierEventsButKeepsIndexes()
        {
            var events = Filtered(null, null, skipBelow: 9);
            Assert.Equal(new[] { 9, 10, 11, 12, 13, 14, 15, 16 }, Indexes(events));
            Assert.Equal(new[] { 11 }, Indexes(Filtered(new[] { "tool_call" }, null, skipBelow: 5)));
            Assert.Empty(Filtered(null, null, skipBelow: 100));
        }

        [Fact]
        public void MatchesAgreesWithTheReader()
        {
            var all = ReadWhole(Utf8(AllTypesDocument), "s").Events;
            // Each filter with the indexes it selects by the document's comment above: literals, not another read.
            var filters = new (EventFilter Filter, int[] Expected)[]
            {
                (new EventFilter(new[] { "text_delta", "stop" }, null), new[] { 6, 7, 9 }),
                (new EventFilter(new[] { "unknown" }, null), new[] { 10, 12, 13, 14, 15, 16 }),
                (new EventFilter(null, new[] { "search*" }), new[] { 4, 5 }),
                (new EventFilter(new[] { "tool_call" }, new[] { "f*" }), new[] { 11 }),
                (new EventFilter(new[] { "unknown" }, new[] { "*" }), Array.Empty<int>()), // unknown events have no name
            };
            Assert.Equal(17, all.Count);
            foreach (var (f, expected) in filters)
            {
                var byReader = Indexes(ReadWhole(Utf8(AllTypesDocument), "s", f).Events);
                var byMatches = Indexes(all.Where(f.Matches));
                Assert.Equal(expected, byReader);
                Assert.Equal(byReader, byMatches);
            }
        }

        [Fact]
        public void WildcardNamesWithBracketsAndEscapes()
        {
            var f = new EventFilter(null, new[] { "search_[ij]ndex" });
            Assert.True(f.FiltersByName);
            Assert.True(f.MatchesName("search_index"));
            Assert.False(f.MatchesName("search_kndex"));
            Assert.False(f.MatchesName(null));
            Assert.True(new EventFilter(null, null).MatchesName(null));
        }

        [Fact]
        public void APatternExpandsToTheKnownTypesItMatches()
        {
            var f = new EventFilter(new[] { "tool*" }, null);
            Assert.True(f.MatchesType("tool_call"));
            Assert.True(f.MatchesType("tool_result"));
            Assert.False(f.MatchesType("text"));
            Assert.False(f.MatchesType(ChatEventType.Unknown));
            Assert.Null(f.UnmatchedPatterns);
            Assert.Null(f.UnknownTypeNames);
            // It also matches unknown events whose wire type it matches, and no other unknown event.
            Assert.True(f.MatchesEvent(null, "tool_progress"));
            Assert.False(f.MatchesEvent(null, "citation"));
            Assert.False(f.MatchesEvent(null, null));
        }

        [Fact]
        public void AStarIsEveryEventUntypedIncluded()
        {
            var f = new EventFilter(new[] { "*" }, null);
            Assert.Equal(9, ChatEventType.Names.Count); // the eight wire types and unknown
            foreach (var n in ChatEventType.Names) Assert.True(f.MatchesType(n));
            Assert.True(f.MatchesEvent(null, null));
            Assert.True(f.MatchesEvent(null, "citation"));
        }

        [Fact]
        public void APatternThatMatchesNoKnownTypeIsReportedAndSelectsUnknownWireTypes()
        {
            var f = new EventFilter(new[] { "cit*", "TEXT" }, null);
            Assert.Equal(new[] { "cit*" }, f.UnmatchedPatterns);
            Assert.True(f.MatchesType("text"));
            Assert.True(f.MatchesEvent(null, "citation"));
            Assert.False(f.MatchesEvent(null, "quote"));
            var codes = EventFilter.CodesThatMayPass(f);
            Assert.True(codes[(int)EventTypeCode.Unknown]);
            Assert.False(codes[(int)EventTypeCode.ToolCall]);
        }

        // A search filter: only the events whose bytes may match (and their context) are built.
        private static EventFilter Search(string pattern, int around, string[]? types = null) =>
            new EventFilter(types, null).WithSearch(new SearchPattern(pattern, false, false).Bytes, around);

        [Fact]
        public void BuildsOnlyTheEventsWhoseBytesMayMatch()
        {
            var (_, events) = ReadWhole(NeedleDocument, "ses-s", Search("needle", 0));
            Assert.Equal(new[] { 3, 5, 7 }, events.Select(e => e.Index!.Value).ToArray());
            Assert.Equal("an needle", ((ContentEvent)events[1]).Content);
        }

        [Fact]
        public void BuildsTheContextAroundEachCandidate()
        {
            var (_, events) = ReadWhole(NeedleDocument, "ses-s", Search("needle", 1));
            Assert.Equal(new[] { 2, 3, 4, 5, 6, 7, 8 }, events.Select(e => e.Index!.Value).ToArray());
            // Event 5 cannot be ruled out for "needle 7" by its bytes (it has a \u escape): a candidate too, with its context.
            var (_, wide) = ReadWhole(NeedleDocument, "ses-s", Search("needle 7", 2));
            Assert.Equal(new[] { 3, 4, 5, 6, 7, 8, 9 }, wide.Select(e => e.Index!.Value).ToArray());
            var (_, plain) = ReadWhole(NeedleDocument, "ses-s", Search("hay 9", 1));
            Assert.Equal(new[] { 4, 5, 6, 8, 9 }, plain.Select(e => e.Index!.Value).ToArray());
        }

        [Fact]
        public void ContextIgnoresTheTypeFilterButCandidatesDoNot()
        {
            var (_, events) = ReadWhole(NeedleDocument, "ses-s", Search("needle", 1, new[] { "text" }));
            Assert.Equal(new[] { 4, 5, 6 }, events.Select(e => e.Index!.Value).ToArray());
        }
    }
}
