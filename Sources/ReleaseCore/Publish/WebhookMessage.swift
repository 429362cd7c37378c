import Foundation

/// The body of a webhook POST in each `[notify]` format.
public enum WebhookMessage {
  /// `json`: the event document as is; `slack`: an incoming-webhook message; `teams`: an
  /// incoming-webhook message carrying an Adaptive Card.
  public static func body(
    format: NotifyTarget.Format, text: String, notes: String?, link: String?, document: [UInt8]
  ) -> [UInt8] {
    switch format {
    case .json:
      return document
    case .slack:
      var message = slackEscape(text)
      if let link { message += " <\(slackEscape(link))|view>" }
      var object: [String: Any] = ["text": message]
      if let notes, !notes.isEmpty {
        object["blocks"] = [
          ["type": "section", "text": ["type": "mrkdwn", "text": message]],
          ["type": "section", "text": ["type": "mrkdwn", "text": slackEscape(clip(notes))]],
        ]
      }
      return ForgeAPI.encodeJSON(object)
    case .teams:
      var blocks: [[String: Any]] = [
        ["type": "TextBlock", "text": text, "weight": "Bolder", "wrap": true]
      ]
      if let notes, !notes.isEmpty {
        blocks.append(["type": "TextBlock", "text": clip(notes), "wrap": true])
      }
      var card: [String: Any] = [
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "type": "AdaptiveCard", "version": "1.4", "body": blocks,
      ]
      if let link {
        card["actions"] = [["type": "Action.OpenUrl", "title": "View", "url": link]]
      }
      return ForgeAPI.encodeJSON([
        "type": "message",
        "attachments": [
          ["contentType": "application/vnd.microsoft.card.adaptive", "content": card]
        ],
      ])
    }
  }

  /// Slack reads `&`, `<` and `>` as markup: a commit subject must not become a link or mention.
  static func slackEscape(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;")
  }

  /// Chat services cut long messages; keep notes within Slack's 3000 characters a block.
  static func clip(_ text: String) -> String {
    text.count <= 2900 ? text : String(text.prefix(2900)) + "\n…"
  }
}
