using System;
using LlamaCloud.Chat.Module;

namespace LlamaCloud.Chat.Tests.Module
{
    public class RuntimeCheckTests
    {
        [Theory]
        [InlineData(".NET Framework 4.8.9221.0", 4, true)]
        [InlineData("Mono 6.8.0.105", 4, true)]
        [InlineData(".NET 8.0.11", 8, true)]
        [InlineData(".NET 10.0.1", 10, true)]
        [InlineData(".NET 7.0.20", 7, false)]
        [InlineData(".NET 6.0.36", 6, false)]
        [InlineData(".NET Core 3.1.32", 3, false)]
        [InlineData(".NET Core 4.6.27129.04", 4, false)]
        public void RuntimeCheckNamesTheVersionsThatWork(string description, int major, bool supported)
        {
            var reason = RuntimeCheck.UnsupportedReason(description, new Version(major, 0));
            if (supported) Assert.Null(reason);
            else Assert.Equal($"LlamaCloud.Chat needs Windows PowerShell 5.1 (.NET Framework 4.7.2 or later) or PowerShell 7.4 or later. This PowerShell runs on {description} (PowerShell 7.3 or earlier), whose System.Text.Json is older than 8.0. Install PowerShell 7.4 or later (https://aka.ms/powershell), or use Windows PowerShell 5.1.", reason);
        }
    }
}
