using System;
using System.Linq;
using LlamaCloud.Chat.Api;
using static LlamaCloud.Chat.Tests.Support.TestUtil;

namespace LlamaCloud.Chat.Tests.Api
{
    /// <summary>Reading an attachment page and a presigned URL.</summary>
    public class AttachmentsApiTests
    {
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
    }
}
