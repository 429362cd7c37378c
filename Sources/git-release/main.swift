import GitReleaseCLI

GitRelease.main()
