console.log("hello from the build context");
