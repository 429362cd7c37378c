// The version, stamped by git release.
let minimumVersion = "1.2.0"
let appVersion = "1.3.0"  // shown in --version
