using System;
using System.Linq;
using LlamaCloud.Chat.Api;
using LlamaCloud.Chat.Commands;
using LlamaCloud.Chat.Transcripts;
using LlamaCloud.Chat.Turns;
using static LlamaCloud.Chat.Tests.Support.TestUtil;

namespace LlamaCloud.Chat.Tests.Models
{
    /// <summary>The GA API's shapes (docs/api.md): shared_access, skipped_index_ids, export_config_ids, attachments.</summary>
    public class GaShapesTests
    {
        private static readonly string Session = Q("{'events':[{'content':'q','type':'user_input'},"
            + "{'error':null,'is_error':false,'usage':{'turns':1},'skipped_index_ids':['idx-a','idx-b'],'type':'stop'},"
            + "{'is_error':false,'usage':{'turns':1},'skipped_index_ids':['idx-c']}],"
            + "'last_updated_at':'2026-04-22T12:34:41.342245','session_id':'ses-1','shared_access':'read_only','generated_title':null,"
            + "'index_ids':null,'job_metadata':{'export_config_ids':['exp-1','exp-2'],'turns':1}}");

        [Fact]
        public void AWholeSessionCarriesSharedAccessSkippedIndexesAndExportConfigIds()
        {
            var (session, events) = ReadWhole(Session);
            Assert.Equal("read_only", session.SharedAccess);
            Assert.Null(session.ExtraFields);
            Assert.Equal(new[] { "exp-1", "exp-2" }, session.JobMetadata!.ExportConfigIds);
            var stops = events.OfType<StopEvent>().ToArray();
            Assert.Equal(2, stops.Length);
            Assert.Equal(new[] { "idx-a", "idx-b" }, stops[0].SkippedIndexIds);
            // Untyped, classified by its shape: skipped_index_ids belongs to a stop.
            Assert.Equal(new[] { "idx-c" }, stops[1].SkippedIndexIds);
            Assert.Equal("in=- out=- turns=1 -ms; skipped idx-a, idx-b", stops[0].Summary);
        }

        [Fact]
        public void AFetchedSessionBuildsTheSameSkippedIndexesFromItsScannedBytes()
        {
            var body = Utf8(Session);
            foreach (var size in new[] { 1, 7, body.Length })
            {
                var s = FetchWhole(body, "ses-1", size);
                Assert.Equal("read_only", s.SharedAccess);
                var stop = s.Events!.OfType<StopEvent>().First();
                Assert.Equal(new[] { "idx-a", "idx-b" }, stop.SkippedIndexIds);
            }
        }

        [Fact]
        public void AStopWithoutSkippedIndexesHasAnEmptyList()
        {
            var stop = (StopEvent)One(Q("{'error':null,'is_error':false,'usage':{},'type':'stop'}"));
            Assert.Empty(stop.SkippedIndexIds);
            Assert.Empty(new StopEvent(null, false, null).SkippedIndexIds);
        }

        [Fact]
        public void TurnsCarryTheirStopsSkippedIndexes()
        {
            var (_, events) = ReadWhole(Session);
            var turns = new System.Collections.Generic.List<ChatTurn>();
            var b = new TurnBuilder();
            foreach (var e in events) b.Add(e, turns);
            b.Complete(turns);
            Assert.Equal(new[] { "idx-a", "idx-b" }, turns[0].SkippedIndexIds);
        }

        [Fact]
        public void AnAttachmentPageAndAPresignedUrlAreRead()
        {
            var (items, next) = AttachmentsApi.ParsePage("src-q3", Utf8(Q("{'items':[{'name':'page_1.png','size':96,'last_modified':'2026-04-22T12:30:01.000Z'},{'name':'p2','size':5}],'next_page_token':'t+/='}")), null);
            Assert.Equal("t+/=", next);
            Assert.Equal(new[] { "page_1.png", "p2" }, items.Select(a => a.Name));
            Assert.Equal(96L, items[0].Size);
            Assert.Equal(new DateTime(2026, 4, 22, 12, 30, 1, DateTimeKind.Utc), items[0].LastModified);
            Assert.Equal(DateTimeKind.Utc, items[0].LastModified!.Value.Kind);
            Assert.Null(items[1].LastModified);
            Assert.Null(AttachmentsApi.ParsePage("s", Utf8("{\"items\":[]}"), null).Next);

            var a = new ChatAttachment("src-q3", "page_4.png");
            AttachmentsApi.ParsePresigned(a, Utf8(Q("{'expires_at':'2019-12-27T18:11:19.117Z','url':'https://store.example/p?sig=1','form_fields':{'foo':'string'}}")));
            Assert.Equal("https://store.example/p?sig=1", a.Url!.AbsoluteUri);
            Assert.Equal(new DateTime(2019, 12, 27, 18, 11, 19, 117, DateTimeKind.Utc), a.ExpiresAt);
            Assert.True(a.IsExpired);
            Assert.Equal("string", a.FormFields!["foo"]);
        }

        [Theory]
        [InlineData("{'expires_at':'2030-01-01T00:00:00Z'}")]
        [InlineData("{'url':'javascript:alert(1)'}")]
        [InlineData("{'url':'/relative'}")]
        [InlineData("[1]")]
        public void APresignedAnswerWithoutAnHttpUrlIsAnInvalidResponse(string body)
        {
            Assert.Throws<InvalidSessionJsonException>(() => AttachmentsApi.ParsePresigned(new ChatAttachment("s", "n"), Utf8(Q(body))));
        }

        [Theory]
        [InlineData("src-q3", "page_4.png", "src-q3/page_4.png")]
        [InlineData("../..", "../../etc/passwd", "%2E.%2F.%2E/%2E.%2F..%2Fetc%2Fpasswd")]
        [InlineData("CON", "nul.png", "^c^o^n/%6Eul.png")]
        [InlineData("</code><script>", "<img src=x onerror=alert(6)>", "%3C%2Fcode%3E%3Cscript%3E/%3Cimg%20src%3Dx%20onerror%3Dalert%286%29%3E")]
        public void AttachmentFilesStayInsideTheFolder(string source, string name, string expected)
        {
            var folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "shots");
            var target = SaveLlamaChatAttachmentCommand.TargetFor(folder, new ChatAttachment(source, name));
            Assert.Equal(System.IO.Path.Combine(folder, expected.Replace('/', System.IO.Path.DirectorySeparatorChar)), target);
            Assert.StartsWith(folder + System.IO.Path.DirectorySeparatorChar, System.IO.Path.GetFullPath(target));
        }

        [Fact]
        public void OnlyImageBytesAreEmbeddedWhateverTheServerSaid()
        {
            Assert.Equal("image/png", EmbeddedImage.Sniff(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0 }));
            Assert.Equal("image/jpeg", EmbeddedImage.Sniff(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 }));
            Assert.Equal("image/gif", EmbeddedImage.Sniff(Utf8("GIF89a....")));
            Assert.Equal("image/webp", EmbeddedImage.Sniff(Utf8("RIFF\0\0\0\0WEBPVP8 ")));
            Assert.Null(EmbeddedImage.Sniff(Utf8("<svg onload=alert(1)></svg>")));
            Assert.Null(EmbeddedImage.Sniff(Utf8("<html>")));
            Assert.Null(EmbeddedImage.Sniff(Array.Empty<byte>()));
        }

        [Fact]
        public void ThePolicyWithImagesAllowsDataImagesAndNothingMore()
        {
            var with = HtmlTranscriptWriter.ContentSecurityPolicyWithImages;
            var without = HtmlTranscriptWriter.ContentSecurityPolicy;
            Assert.Contains("img-src data:;", with);
            Assert.Contains("img-src 'none';", without);
            Assert.Equal(without.Replace("img-src 'none';", "img-src data:;"), with);
            Assert.Contains("script-src 'none'", with);
        }
    }
}
