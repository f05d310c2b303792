using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authentication.Cookies;
using WorkOS.AspNetCore.Actions;
using WorkOS.AspNetCore.ApiKeys;
using WorkOS.AspNetCore.Authentication;
using WorkOS.AspNetCore.Authorization;
using WorkOS.AspNetCore.Bearer;
using WorkOS.AspNetCore.Components;
using WorkOS.AspNetCore.Emulator;
using WorkOS.AspNetCore.Events;
using WorkOS.AspNetCore.Sso;
using WorkOS.AspNetCore.Webhooks;

namespace WorkOS.AspNetCore.Docs.Tests;

/// <summary>
/// Every option has a row, with its default, in a table of README.md or EXAMPLES.md that names its options class
/// (the line before the table mentions <c>`WorkOSAuthKitOptions`</c>, say) in the table's first column.
/// </summary>
public sealed partial class OptionsTableTests
{
    /// <summary>The options classes users set, and the framework options the library sets defaults for.</summary>
    public static TheoryData<string> OptionsClasses => new(Options.Keys);

    // Each class's own public properties, plus the inherited ones the library gives a default of its own.
    private static readonly Dictionary<string, string[]> Options = new()
    {
        [nameof(WorkOSClientOptions)] = Declared(typeof(WorkOSClientOptions)),
        [nameof(WorkOSAuthKitOptions)] = [.. Declared(typeof(WorkOSAuthKitOptions)), "CallbackPath", "AccessDeniedPath", "CorrelationCookie"],
        [nameof(CookieAuthenticationOptions)] = ["Cookie", "ExpireTimeSpan", "SlidingExpiration", "LoginPath", "AccessDeniedPath"],
        [nameof(WorkOSBearerOptions)] = Declared(typeof(WorkOSBearerOptions)),
        [nameof(WorkOSApiKeyOptions)] = Declared(typeof(WorkOSApiKeyOptions)),
        [nameof(WorkOSAuthorizationOptions)] = Declared(typeof(WorkOSAuthorizationOptions)),
        [nameof(WorkOSBlazorServerOptions)] = Declared(typeof(WorkOSBlazorServerOptions)),
        [nameof(WorkOSEmulatorOptions)] = Declared(typeof(WorkOSEmulatorOptions)),
        [nameof(WorkOSHealthCheckOptions)] = Declared(typeof(WorkOSHealthCheckOptions)),
        [nameof(WorkOSWebhookOptions)] = Declared(typeof(WorkOSWebhookOptions)),
        [nameof(WorkOSActionOptions)] = Declared(typeof(WorkOSActionOptions)),
        [nameof(WorkOSEventsReaderOptions)] = Declared(typeof(WorkOSEventsReaderOptions)),
        [nameof(WorkOS.AspNetCore.Connect.WorkOSConnectOptions)] = Declared(typeof(WorkOS.AspNetCore.Connect.WorkOSConnectOptions)),
        [nameof(WorkOS.AspNetCore.Connect.WorkOSClientCredentialsOptions)] = Declared(typeof(WorkOS.AspNetCore.Connect.WorkOSClientCredentialsOptions)),
        [nameof(WorkOSSsoOptions)] = [.. Declared(typeof(WorkOSSsoOptions)), "CallbackPath", "AccessDeniedPath", "CorrelationCookie", "SaveTokens"],
        [nameof(WorkOS.AspNetCore.AdminPortal.WorkOSAdminPortalOptions)] = Declared(typeof(WorkOS.AspNetCore.AdminPortal.WorkOSAdminPortalOptions)),
    };

    [Theory]
    [MemberData(nameof(OptionsClasses))]
    public void Every_option_has_a_row_with_its_default(string optionsClass)
    {
        var rows = Rows(optionsClass);

        Assert.True(rows.Count > 0, $"No options table names `{optionsClass}` on the line before it.");
        var missing = Options[optionsClass].Where(name => !rows.ContainsKey(name)).ToList();
        Assert.True(missing.Count == 0, $"The `{optionsClass}` table has no row for: {string.Join(", ", missing)}");
        var withoutDefault = rows.Where(r => string.IsNullOrWhiteSpace(r.Value)).Select(r => r.Key).ToList();
        Assert.True(withoutDefault.Count == 0, $"The `{optionsClass}` table gives no default for: {string.Join(", ", withoutDefault)}");
    }

    [Fact]
    public void A_property_without_a_row_is_caught()
    {
        Assert.DoesNotContain("NoSuchOption", Rows(nameof(WorkOSAuthKitOptions)).Keys);
        Assert.Contains("RefreshTimeout", Declared(typeof(WorkOSAuthKitOptions)));
        Assert.Contains("ValidIssuers", Declared(typeof(WorkOSAuthKitOptions)));
    }

    // Public instance properties the class declares: settable ones, and collections filled in place (ValidIssuers).
    private static string[] Declared(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(p => p.SetMethod?.IsPublic == true || (p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(IList<>)))
            .Where(p => p.GetCustomAttribute<ObsoleteAttribute>() is null)
            .Select(p => p.Name)
            .ToArray();

    // Option name -> the default column, over every table whose caption line names the class.
    private static Dictionary<string, string> Rows(string optionsClass)
    {
        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var document in new[] { "README.md", "EXAMPLES.md" })
        {
            var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "docs", document));
            for (var i = 0; i < lines.Length; i++)
            {
                if (!IsRow(lines[i]) || (i > 0 && IsRow(lines[i - 1])) || !Caption(lines, i).Contains($"`{optionsClass}`", StringComparison.Ordinal))
                {
                    continue;
                }

                // Header, separator, then the rows: | `Name`, `Other` | default | meaning |
                for (var j = i + 2; j < lines.Length && IsRow(lines[j]); j++)
                {
                    var cells = lines[j].Trim().Trim('|').Split('|');
                    foreach (Match name in Code().Matches(cells[0]))
                    {
                        rows[name.Groups[1].Value] = cells.Length > 1 ? cells[1].Trim() : "";
                    }
                }
            }
        }

        return rows;
    }

    private static bool IsRow(string line) => line.TrimStart().StartsWith('|');

    private static string Caption(string[] lines, int table)
    {
        var i = table - 1;
        while (i >= 0 && string.IsNullOrWhiteSpace(lines[i]))
        {
            i--;
        }

        return i >= 0 ? lines[i] : "";
    }

    [GeneratedRegex(@"`([A-Za-z][A-Za-z0-9]*)`")]
    private static partial Regex Code();
}
