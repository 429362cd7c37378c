import ArgumentParser
import Foundation
import Git
import ReleaseCore
import ReleaseRendering
import ReleaseRepository

extension GitRelease {
  struct Notify: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "notify",
      abstract: "Send a sample notification to a [notify \"NAME\"] webhook.",
      discussion: """
        Webhooks are configured in .gitrelease as [notify "NAME"] sections (url, events, \
        format, secret); each gets a POST after the events it asks for are recorded. \
        --test NAME sends a sample message (event "test", in the target's format, signed \
        when it has a secret) and exits 1 if the webhook does not accept it.
        """)

    @OptionGroup var repository: RepositoryOptions
    @Option(
      name: .customLong("test"),
      help: ArgumentHelp("The [notify \"NAME\"] target to send a sample to.", valueName: "name"))
    var target: String
    @OptionGroup var output: OutputOptions

    func run() throws {
      let context = try RepositoryContext(repository.open())
      let configuration = context.configuration
      guard configuration.notifications.contains(where: { $0.name == target }) else {
        let known = configuration.notifications.map(\.name)
        throw CommandFailure(
          .usage,
          "no [notify \"\(target)\"] in .gitrelease"
            + (known.isEmpty ? "" : "; configured: " + known.joined(separator: ", ")))
      }
      let tag = (try? context.currentRelease(package: nil))?.name ?? "v1.0.0"
      let text = "Test notification from git release for [notify \"\(target)\"] (\(tag))"
      let document = ReleaseAnnouncement(
        text: text,
        event: .init(
          kind: NotificationEvent.test.rawValue, tag: tag, version: nil, commit: nil, url: nil,
          forge: nil, time: Date()),
        notes: nil)
      let deliveries = Notifier.deliver(
        .test, text: text, document: document, configuration: configuration, only: target,
        warn: false)
      guard let delivery = deliveries.first else { return }
      if output.json {
        print(try JSONOutput.encode(delivery))
      } else if delivery.delivered {
        print(
          "Sent a test notification to [notify \"\(target)\"] (HTTP \(delivery.status ?? 0)"
            + (delivery.signed ? ", signed" : "") + ")")
      }
      if let error = delivery.error {
        throw CommandFailure(.failure, "notify \"\(target)\": \(error)")
      }
    }
  }
}
