using System;
using LlamaCloud.Chat.Transcripts;
using static LlamaCloud.Chat.Tests.Support.TestUtil;

namespace LlamaCloud.Chat.Tests.Transcripts
{
    /// <summary>Which bytes a transcript embeds as an image.</summary>
    public class EmbeddedImageTests
    {
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
    }
}
