using LlamaCloud.Chat.Commands;

namespace LlamaCloud.Chat.Tests.Commands
{
    /// <summary>Where Save-LlamaChatAttachment writes each attachment.</summary>
    public class SaveLlamaChatAttachmentCommandTests
    {
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
    }
}
