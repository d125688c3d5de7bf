using System.Linq;
using LlamaCloud.Chat.Analytics;
using LlamaCloud.Chat.Serialization;
using static LlamaCloud.Chat.Tests.Support.TestUtil;

namespace LlamaCloud.Chat.Tests.Serialization
{
    public class SearchReadTests
    {
        // Ten content events; "needle" in events 3 and 7, and event 5 holds it escaped (\u006eeedle).
        private static readonly string Doc = Q("{'session_id':'ses-s','events':[" + string.Join(",", Enumerable.Range(0, 10).Select(i =>
            i == 3 || i == 7 ? "{'content':'a needle " + i + "','type':'text_delta'}"
            : i == 5 ? "{'content':'an \\u006eeedle','type':'text'}"
            : "{'content':'hay " + i + "','type':'text_delta'}")) + "]}");

        private static EventFilter Search(string pattern, int around, string[]? types = null) =>
            new EventFilter(types, null).WithSearch(new SearchPattern(pattern, false, false).Bytes, around);

        [Fact]
        public void BuildsOnlyTheEventsWhoseBytesMayMatch()
        {
            var (_, events) = ReadWhole(Doc, "ses-s", Search("needle", 0));
            Assert.Equal(new[] { 3, 5, 7 }, events.Select(e => e.Index!.Value).ToArray());
            Assert.Equal("an needle", ((ContentEvent)events[1]).Content);
        }

        [Fact]
        public void BuildsTheContextAroundEachCandidate()
        {
            var (_, events) = ReadWhole(Doc, "ses-s", Search("needle", 1));
            Assert.Equal(new[] { 2, 3, 4, 5, 6, 7, 8 }, events.Select(e => e.Index!.Value).ToArray());
            // Event 5 cannot be ruled out for "needle 7" by its bytes (it has a \u escape): a candidate too, with its context.
            var (_, wide) = ReadWhole(Doc, "ses-s", Search("needle 7", 2));
            Assert.Equal(new[] { 3, 4, 5, 6, 7, 8, 9 }, wide.Select(e => e.Index!.Value).ToArray());
            var (_, plain) = ReadWhole(Doc, "ses-s", Search("hay 9", 1));
            Assert.Equal(new[] { 4, 5, 6, 8, 9 }, plain.Select(e => e.Index!.Value).ToArray());
        }

        [Fact]
        public void ContextIgnoresTheTypeFilterButCandidatesDoNot()
        {
            var (_, events) = ReadWhole(Doc, "ses-s", Search("needle", 1, new[] { "text" }));
            Assert.Equal(new[] { 4, 5, 6 }, events.Select(e => e.Index!.Value).ToArray());
        }

        [Fact]
        public void TheSearchReportsTypedMatchesWithTheirContext()
        {
            var filter = Search("needle", 1);
            var (_, events) = ReadWhole(Doc, "ses-s", filter);
            var search = new SessionSearch(new SearchPattern("needle", false, false), filter, 1, null);
            var found = new System.Collections.Generic.List<ChatSearchMatch>();
            foreach (var e in events) search.Add(e, found);
            search.Complete(found);
            Assert.Equal(new[] { "3:content:a needle 3", "5:content:an needle", "7:content:a needle 7" }, found.Select(m => $"{m.Index}:{m.Field}:{m.Line}").ToArray());
            Assert.Equal(new[] { 2 }, found[0].Before.Select(e => e.Index!.Value).ToArray());
            Assert.Equal(new[] { 4 }, found[0].After.Select(e => e.Index!.Value).ToArray());
            Assert.Equal(new[] { 8 }, found[2].After.Select(e => e.Index!.Value).ToArray());
        }
    }
}
