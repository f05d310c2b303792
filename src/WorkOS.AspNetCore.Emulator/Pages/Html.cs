using System.Net;

namespace WorkOS.AspNetCore.Emulator.Pages;

/// <summary>HTML encoding and the shared page frame of the emulator's screens.</summary>
internal static class Html
{
    public static string Encode(string? value) => WebUtility.HtmlEncode(value ?? "");

    /// <summary>A full page: a centered card with a heading, optional subtitle and content.</summary>
    public static string Page(string title, string? subtitle, string content) => $$"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{Encode(title)}} · WorkOS emulator</title>
        <style>
          :root { color-scheme: light dark; font-family: system-ui, -apple-system, "Segoe UI", sans-serif; }
          body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: #f4f5f7; color: #1d1f24; }
          main { width: min(26rem, calc(100vw - 2rem)); background: #fff; border-radius: 12px; padding: 2rem;
                 box-shadow: 0 1px 3px rgba(0,0,0,.08), 0 8px 24px rgba(0,0,0,.06); }
          h1 { font-size: 1.35rem; margin: 0 0 .25rem; }
          p.subtitle { margin: 0 0 1.5rem; color: #6b7080; font-size: .9rem; }
          p.message { margin: 0 0 1rem; line-height: 1.45; }
          form { display: grid; gap: .6rem; }
          button { font: inherit; text-align: left; cursor: pointer; border: 1px solid #d8dbe2; border-radius: 8px;
                   background: #fff; color: inherit; padding: .7rem .9rem; display: grid; gap: .1rem; }
          button:hover, button:focus-visible { border-color: #6363f1; outline: none; box-shadow: 0 0 0 3px rgba(99,99,241,.18); }
          button .name { font-weight: 600; }
          button .email { color: #6b7080; font-size: .85rem; }
          button.cancel { text-align: center; color: #6b7080; background: transparent; margin-top: .5rem; }
          .empty { color: #6b7080; font-size: .9rem; }
          footer { margin-top: 1.5rem; font-size: .75rem; color: #9a9fae; text-align: center; }
          @media (prefers-color-scheme: dark) {
            body { background: #15161a; color: #e8e9ed; }
            main { background: #1f2026; box-shadow: none; }
            button { background: #26272e; border-color: #3a3c45; }
          }
        </style>
        </head>
        <body>
        <main>
        <h1>{{Encode(title)}}</h1>
        {{(subtitle is null ? "" : $"<p class=\"subtitle\">{Encode(subtitle)}</p>")}}
        {{content}}
        <footer>Local WorkOS AuthKit emulator. Not for production.</footer>
        </main>
        </body>
        </html>
        """;
}
