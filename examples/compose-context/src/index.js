console.log("served");
