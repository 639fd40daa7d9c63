console.log("rubric")
