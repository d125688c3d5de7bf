using System;
using System.Collections.Generic;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;

namespace LlamaCloud.Chat.NetFx
{
    /// <summary>
    /// A dependency-free runner (no test framework needs to load under Mono): each check drives the module's own
    /// code and compares exact values. Prints one line per failure and ends with "N passed, M failed".
    /// </summary>
    internal static class Program
    {
        private static int _passed;
        private static int _failed;

        private static int Main()
        {
            Console.WriteLine($"Runtime: {RuntimeInformation.FrameworkDescription}; System.Text.Json from {typeof(System.Text.Json.JsonDocument).Assembly.Location}");
            foreach (var check in System.Linq.Enumerable.Concat(CoreChecks.All(), RedactionChecks.All()))
            {
                try
                {
                    check.Run();
                    _passed++;
                }
                catch (Exception ex)
                {
                    _failed++;
                    Console.WriteLine($"FAIL {check.Name}: {ex.GetType().Name}: {ex.Message}");
                }
            }
            Console.WriteLine($"{_passed} passed, {_failed} failed");
            return _failed == 0 && _passed > 0 ? 0 : 1;
        }
    }
}
