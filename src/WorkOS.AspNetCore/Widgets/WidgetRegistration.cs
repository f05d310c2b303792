using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace WorkOS.AspNetCore.Widgets;

/// <summary>Registers what widget tokens need; part of <c>AddWorkOSAuthKit</c>, since a widget token is for a signed-in session.</summary>
internal static class WidgetRegistration
{
    public static void TryAdd(IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(IHybridCacheSerializer<WidgetTokenEntry>)))
        {
            services.AddHybridCache().AddSerializer<WidgetTokenEntry, WidgetTokenEntrySerializer>();
        }

        services.TryAddSingleton<WidgetTokenSource>();
    }
}
